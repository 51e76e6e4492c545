package dev.runbookbot.runbook.lint;

import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() {
        String files = System.getProperty("scratch", "src/test/resources/seed");
        LintReport report = new Linter(TestDiagnosticTypes.all(), new FakeConditionLanguage())
                .lint(new RunbookLoader().loadAll(List.of(Path.of(files))));
        report.problems().forEach(p -> System.out.println(p.format()));
    }
}
