package io.kolladoctor.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting an option in a Kolla override keeps everything else; twice is once. */
class IniMergeTest {

    static final Map<String, String> REGION = Map.of("region_name_for_services", "RegionOne");

    static final String OVERRIDE = """
            # site overrides for Heat
            [DEFAULT]
            debug = True

            [heat_api]
            workers = 2
            region_name_for_services = elsewhere
            """;

    @Test
    void anAbsentFileIsCreatedWithTheSection() {
        assertThat(IniMerge.merge(null, "DEFAULT", REGION)).isEqualTo("[DEFAULT]\nregion_name_for_services = RegionOne\n");
    }

    @Test
    void aMissingOptionGoesBelowTheHeaderAndNothingElseMoves() {
        String merged = IniMerge.merge(OVERRIDE, "DEFAULT", REGION);
        assertThat(merged).isEqualTo("""
                # site overrides for Heat
                [DEFAULT]
                region_name_for_services = RegionOne
                debug = True

                [heat_api]
                workers = 2
                region_name_for_services = elsewhere
                """); // the same key in another section is not touched
    }

    @Test
    void anOptionWithAnotherValueIsReplacedOnItsLastLineWithItsContinuation() {
        String text = "[DEFAULT]\nregion_name_for_services =\nregion_name_for_services = Old\n  still old\ndebug = True\n";
        assertThat(IniMerge.merge(text, "DEFAULT", REGION))
                .isEqualTo("[DEFAULT]\nregion_name_for_services =\nregion_name_for_services = RegionOne\ndebug = True\n");
    }

    @Test
    void aMissingSectionIsAppendedAndACommentedOptionIsLeftAlone() {
        String text = "[database]\nmax_retries = -1\n#region_name_for_services = RegionOne";
        assertThat(IniMerge.merge(text, "DEFAULT", REGION)).isEqualTo(
                "[database]\nmax_retries = -1\n#region_name_for_services = RegionOne\n\n[DEFAULT]\n"
                        + "region_name_for_services = RegionOne\n");
    }

    @Test
    void alreadySetIsUnchangedEvenWithoutSpacesOrFinalNewline() {
        String text = "[DEFAULT]\nregion_name_for_services=RegionOne";
        assertThat(IniMerge.merge(text, "DEFAULT", REGION)).isSameAs(text);
    }

    @Test
    void applyKeepsABackupAndTheModeAndIsIdempotent(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("heat.conf");
        Files.writeString(file, OVERRIDE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        IniMerge.Result first = IniMerge.apply(file, "DEFAULT", REGION);
        assertThat(first.changed()).isTrue();
        assertThat(first.detail()).contains("heat.conf.kolla-doctor.bak");
        assertThat(Files.readString(tmp.resolve("heat.conf.kolla-doctor.bak"))).isEqualTo(OVERRIDE);
        assertThat(Files.readString(file)).contains("region_name_for_services = RegionOne\ndebug = True");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");

        Files.delete(tmp.resolve("heat.conf.kolla-doctor.bak"));
        IniMerge.Result second = IniMerge.apply(file, "DEFAULT", REGION);
        assertThat(second.changed()).isFalse();
        assertThat(tmp.resolve("heat.conf.kolla-doctor.bak")).doesNotExist();
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void applyCreatesTheDirectoryAndFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("kolla/config/heat.conf");
        IniMerge.Result result = IniMerge.apply(file, "DEFAULT", REGION);
        assertThat(result.created()).isTrue();
        assertThat(Files.readString(file)).isEqualTo("[DEFAULT]\nregion_name_for_services = RegionOne\n");
    }
}
