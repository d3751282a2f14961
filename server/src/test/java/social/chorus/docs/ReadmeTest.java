package social.chorus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import social.chorus.app.ExitCode;
import social.chorus.app.config.Setting;

/** The README is the operator's manual: it must stay true to the code and to CI. */
class ReadmeTest {
    private static final Pattern SHELL_BLOCK = Pattern.compile("```(?:sh|bash|shell)\\n(.*?)```", Pattern.DOTALL);

    private static Path root() {
        String prop = System.getProperty("chorus.repoRoot");
        Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with README.md").isNotNull();
        return dir;
    }

    private static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"));
    }

    private static List<String> quickStartBlocks(String readme) {
        int start = readme.indexOf("## Quick start");
        assertThat(start).as("a Quick start section").isNotNegative();
        Matcher m = SHELL_BLOCK.matcher(readme.substring(start));
        List<String> blocks = new ArrayList<>();
        while (m.find() && blocks.size() < 2) {
            blocks.add(m.group(1).strip());
        }
        return blocks;
    }

    @Test
    void quickStartBuildsAndStartsTheJarThenRunsAllTests() throws IOException {
        List<String> blocks = quickStartBlocks(readme());
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).startsWith("./mvnw").contains("package").endsWith("java -jar server/target/chorus.jar");
        assertThat(blocks.get(1)).isEqualTo("./mvnw verify");
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        String testCommand = quickStartBlocks(readme()).get(1);
        String ci = Files.readString(root().resolve(".ci/run"));
        // CI may add -B (batch mode) but must run the same goals.
        assertThat(ci.lines().map(String::strip).filter(l -> !l.startsWith("#")))
                .anyMatch(l -> l.replace(" -B", "").equals(testCommand));
    }

    @Test
    void everySettingAndExitCodeIsDocumented() throws IOException {
        String readme = readme();
        for (Setting s : Setting.values()) {
            assertThat(readme).as("README documents " + s.key()).contains("| `" + s.key() + "` |");
        }
        for (ExitCode c : ExitCode.values()) {
            assertThat(readme).as("README documents exit code " + c).containsPattern("\\n\\| " + c.code() + " \\| ");
        }
    }
}
