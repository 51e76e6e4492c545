package dev.runbookbot.runbook.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft-07) of the runbook format, for editors: yaml-language-server completes and checks a runbook
 * with it (a {@code # yaml-language-server: $schema=...} line, or its settings). {@code runbookctl schema} prints it.
 * The loader remains the authority: lint checks far more than a schema can (references, conditions, templates).
 */
public final class RunbookSchema {
    static final String RESOURCE = "runbook.schema.json";

    private RunbookSchema() {}

    /** The schema as JSON text. */
    public static String json() {
        try (InputStream in = RunbookSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
