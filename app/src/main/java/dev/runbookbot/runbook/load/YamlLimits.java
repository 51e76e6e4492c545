package dev.runbookbot.runbook.load;

/**
 * Bounds on a runbook file, because YAML is a deserialization surface (SnakeYAML CVE-2022-1471, "billion laughs"):
 * the file size in bytes, how deep mappings and lists may nest, and the longest single scalar in characters. Anchors
 * and aliases are refused outright, so alias expansion cannot blow up.
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxScalarChars) {
    public YamlLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxScalarChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 1 MiB per file, 32 levels of nesting, 256 KiB per scalar: far above any real runbook. */
    public static YamlLimits defaults() {
        return new YamlLimits(1024 * 1024, 32, 256 * 1024);
    }
}
