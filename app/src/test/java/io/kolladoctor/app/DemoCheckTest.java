package io.kolladoctor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kolladoctor.deployment.parse.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The README's first command: the bundled demo, where each headline check fails on its subject. */
class DemoCheckTest {

    /** Check ID → a string the FAIL finding's subject must contain. */
    static final List<String[]> HEADLINE_FAILS = List.of(
            new String[] {"heat.region-null", "k8s-prod-4xkq2ma3jz7n-master-0"},
            new String[] {"keystone.service-project-membership", "aodh"},
            new String[] {"wsgi.listen-address", "wsgi-aodh.conf"},
            new String[] {"ceph.osd-bootstrap-labels", "stor1"},
            new String[] {"neutron.stale-floating-ips", "172.24.4.187"},
            new String[] {"containers.exited", "ctl2/nova_scheduler"});

    @Test
    void textReportShowsEveryHeadlineFailureAndExitsCritical() {
        Cli r = Cli.run("check", "--demo");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(2);
        for (String[] expected : HEADLINE_FAILS) {
            assertThat(r.out()).as(expected[0]).containsPattern("FAIL +" + expected[0].replace(".", "\\.") + " +\\S*" + java.util.regex.Pattern.quote(expected[1]));
        }
        assertThat(r.out()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void jsonIsValidAgainstTheDocumentedSchema() throws Exception {
        Cli r = Cli.run("check", "--demo", "--format", "json");
        assertThat(r.exit()).isEqualTo(2);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("../docs/findings.schema.json")));
        Set<ValidationMessage> problems = schema.validate(doc);
        assertThat(problems).isEmpty();
        assertThat(doc.path("status").asText()).isEqualTo("FAIL");
        for (String[] expected : HEADLINE_FAILS) {
            boolean found = false;
            for (JsonNode f : doc.path("findings")) {
                String display = (f.path("subject").path("host").isNull() ? "" : f.path("subject").path("host").asText() + "/")
                        + f.path("subject").path("name").asText();
                found |= f.path("check").asText().equals(expected[0]) && f.path("status").asText().equals("FAIL")
                        && display.contains(expected[1]);
            }
            assertThat(found).as("FAIL %s on %s in JSON", expected[0], expected[1]).isTrue();
        }
    }

    @Test
    void junitIsWellFormedWithOneTestcasePerCheckAndSubject() throws Exception {
        Cli r = Cli.run("check", "--demo", "--format", "junit");
        assertThat(r.exit()).isEqualTo(2);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList cases = xml.getElementsByTagName("testcase");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(seen.add(c.getAttribute("classname") + " :: " + c.getAttribute("name")))
                    .as("duplicate testcase %s", c.getAttribute("name")).isTrue();
        }
        JsonNode json = Json.MAPPER.readTree(Cli.run("check", "--demo", "--format", "json").out());
        assertThat(cases.getLength()).isEqualTo(json.path("findings").size());
        assertThat(Integer.parseInt(root.getAttribute("failures"))).isGreaterThanOrEqualTo(HEADLINE_FAILS.size());
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(json.path("findings").findValuesAsText("check").stream().distinct().count());
    }

    @Test
    void demoLeaksNoSecretValues() {
        String all = Cli.run("check", "--demo", "--all", "--format", "json").out();
        assertThat(all).doesNotContainPattern("(?i)\"?password\"?\\s*[=:]\\s*\"?[A-Za-z0-9]{6,}");
        assertThat(all).doesNotContainPattern("rabbit://[^:]+:[^*@]+@");
    }
}
