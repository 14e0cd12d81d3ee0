package io.kolladoctor.deployment.facts;

import io.kolladoctor.deployment.model.Deployment;
import io.kolladoctor.deployment.model.Globals;
import io.kolladoctor.deployment.model.Inventory;
import io.kolladoctor.deployment.model.InventoryParser;
import io.kolladoctor.deployment.model.Passwords;
import io.kolladoctor.deployment.secrets.SecretMasker;

/** Builds the {@link Deployment} of a sweep from its Kolla files: inventory (required), globals.yml, passwords.yml. */
public final class Deployments {

    public static final Fact<Inventory> INVENTORY =
            Fact.of(FactRequest.deployment("inventory"), "Ansible INI inventory", m -> InventoryParser.parse(m.text()));
    public static final Fact<Globals> GLOBALS =
            Fact.of(FactRequest.deployment("globals.yml"), "YAML", m -> Globals.parse(m.text()));
    public static final Fact<Passwords> PASSWORDS =
            Fact.of(FactRequest.deployment("passwords.yml"), "YAML", m -> Passwords.parse(m.text()));

    private Deployments() {
    }

    /**
     * The deployment, once per sweep. Without an inventory there is no deployment to check; a missing
     * globals.yml means Kolla's defaults; passwords.yml only feeds the masker.
     */
    public static Deployment of(Facts facts) throws FactUnavailableException {
        return facts.derive("deployment", () -> {
            Inventory inventory = facts.get(INVENTORY);
            Globals globals = facts.find(GLOBALS).orElseGet(Globals::defaults);
            Passwords passwords = passwordsOrNone(facts);
            SecretMasker masker = SecretMasker.patterns().withKnown(passwords.secretValues());
            return new Deployment(inventory, globals, passwords, facts.source().topology(), masker);
        });
    }

    private static Passwords passwordsOrNone(Facts facts) {
        try {
            return facts.find(PASSWORDS).orElseGet(Passwords::none);
        } catch (FactUnavailableException e) {
            return Passwords.none();
        }
    }

    /** The masker, even when the deployment itself cannot be loaded. */
    public static SecretMasker masker(Facts facts) {
        try {
            return of(facts).masker();
        } catch (FactUnavailableException e) {
            return SecretMasker.patterns();
        }
    }

}
