package dev.tandem.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.config.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How keepalived groups lines into blocks (lib/parser.c process_stream, alloc_value_block). */
class StatementReaderTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    @Test
    void blockMayOpenOnTheNextLine() {
        List<Statement> top = read("vrrp_instance VI_1\n{\n interface eth0\n}");

        assertThat(top).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("vrrp_instance VI_1");
            assertThat(s.block()).extracting(Statement::text).containsExactly("interface eth0");
        });
    }

    @Test
    void blockMayOpenAndCloseOnOneLine() {
        List<Statement> top = read("vrrp_sync_group VG { group { EXTERN INTERN } }");

        Statement group = top.getFirst().block().getFirst();
        assertThat(group.name()).isEqualTo("group");
        assertThat(group.block()).extracting(Statement::text).containsExactly("EXTERN INTERN");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void keywordWithoutBlockHasNone() {
        assertThat(read("router_id lb1").getFirst().hasBlock()).isFalse();
        assertThat(read("router_id lb1 {\n}").getFirst().block()).isEmpty();
    }

    @Test
    void strayOpenBraceIsReportedAndItsBlockSkipped() {
        List<Statement> top = read("{\n lost 1\n}\nrouter_id lb1");

        assertThat(top).extracting(Statement::text).containsExactly("router_id lb1");
        assertThat(diagnostics).extracting(Diagnostic::message).containsExactly("Unexpected '{' - ignoring the block it opens");
    }

    @Test
    void unclosedInnerBlockIsReportedAtItsOwnLine() {
        read("vrrp_instance VI_1 {\n virtual_ipaddress {\n  192.0.2.1\n");

        assertThat(diagnostics).extracting(Diagnostic::line, Diagnostic::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "block 'virtual_ipaddress' opened here is never closed"),
                org.assertj.core.groups.Tuple.tuple(1, "block 'vrrp_instance VI_1' opened here is never closed"));
    }

    private List<Statement> read(String text) {
        MemorySources files = new MemorySources().put("/k/k.conf", text);
        List<SourceLine> lines = new KeepalivedLexer(files, "lb1", diagnostics::add).read(Path.of("/k/k.conf"), "k.conf");
        return StatementReader.read(lines, diagnostics::add);
    }
}
