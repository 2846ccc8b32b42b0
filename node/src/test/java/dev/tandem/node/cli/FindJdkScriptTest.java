package dev.tandem.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/find-jdk.sh, which ./tandem and ./test source: JDK 25 or one clear line. */
class FindJdkScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "find-jdk.sh").toAbsolutePath().normalize();

    private record Outcome(int exit, String stdout, String stderr) {}

    private static Outcome source(String javaHome, Path jvmDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && echo \"$JAVA_HOME\"", SCRIPT.toString());
        pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().put("TANDEM_JVM_DIR", jvmDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out.strip(), err.strip());
    }

    @Test
    void javaHomeOfJdk25IsKept() throws Exception {
        String home = System.getProperty("java.home");
        Outcome o = source(home, Path.of("/nonexistent"));
        assertThat(o.exit()).isZero();
        assertThat(o.stdout()).isEqualTo(home);
    }

    @Test
    void oldJavaHomeFallsBackToAJdk25InTheJvmDirectory(@TempDir Path jvm) throws Exception {
        Path link = jvm.resolve("temurin-25-jdk-amd64");
        Files.createSymbolicLink(link, Path.of(System.getProperty("java.home")));
        Outcome o = source("/usr/lib/jvm/java-17-openjdk-amd64", jvm);
        assertThat(o.exit()).isZero();
        assertThat(o.stdout()).isEqualTo(link.toString());
    }

    @Test
    void noJdk25StopsWithOneLine(@TempDir Path emptyJvmDir) throws Exception {
        Outcome o = source("/usr/lib/jvm/java-17-openjdk-amd64", emptyJvmDir);
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.stderr().lines()).hasSize(1);
        assertThat(o.stderr()).startsWith("tandem: no JDK 25 or newer found");
    }
}
