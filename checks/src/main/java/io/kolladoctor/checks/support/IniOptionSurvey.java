package io.kolladoctor.checks.support;

import io.kolladoctor.checks.Evidence;
import io.kolladoctor.deployment.facts.FactUnavailableException;
import io.kolladoctor.deployment.facts.Facts;
import io.kolladoctor.deployment.facts.host.ConfigFile;
import io.kolladoctor.deployment.facts.host.HostFiles;
import io.kolladoctor.deployment.facts.host.IniConfig;
import io.kolladoctor.deployment.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One option of an INI config file (a Kolla-rendered {@code /etc/kolla/<service>/<service>.conf}) read on every
 * host of a group, with the evidence for each host: where the option is set, or where it should have been.
 */
public final class IniOptionSurvey {

    private IniOptionSurvey() {
    }

    /** What a host's file says. */
    public enum State {
        /** The option has a non-blank value. */
        SET,
        /** The option is missing or blank. */
        UNSET,
        /** The host has no such file. */
        NO_FILE,
        /** The file could not be had (collection failed, not collected, unreadable): {@code problem} says why. */
        UNREADABLE
    }

    /** One host's answer; {@code value} only when SET, {@code evidence} when SET or UNSET, else {@code problem}. */
    public record Answer(String host, State state, String value, Evidence evidence, String problem) {
        public boolean judged() {
            return state == State.SET || state == State.UNSET;
        }
    }

    public static List<Answer> survey(Facts facts, List<Host> hosts, String path, String section, String key) {
        List<Answer> answers = new ArrayList<>();
        for (Host host : hosts) {
            Optional<ConfigFile> conf;
            try {
                conf = facts.find(HostFiles.file(host.name(), path));
            } catch (FactUnavailableException e) {
                answers.add(new Answer(host.name(), State.UNREADABLE, null, null, e.getMessage()));
                continue;
            }
            if (conf.isEmpty()) {
                answers.add(new Answer(host.name(), State.NO_FILE, null, null, host.name() + " has no " + path));
                continue;
            }
            answers.add(answer(conf.get(), section, key));
        }
        return answers;
    }

    static Answer answer(ConfigFile conf, String section, String key) {
        IniConfig ini = conf.ini();
        Optional<IniConfig.Option> option = ini.option(section, key);
        if (option.isPresent() && !option.get().value().isBlank()) {
            IniConfig.Option o = option.get();
            return new Answer(conf.host(), State.SET, o.value(),
                    Evidence.line(conf.where(), o.line(), key + " = " + o.value()), null);
        }
        String location = option.map(o -> "line " + o.line())
                .or(() -> ini.sectionLine(section).map(l -> "[" + section + "] line " + l))
                .orElse("no [" + section + "] section");
        String excerpt = option.isPresent() ? key + " is empty" : "no " + key + " in [" + section + "]";
        return new Answer(conf.host(), State.UNSET, null, new Evidence(conf.where(), location, excerpt), null);
    }
}
