/**
 * Reading runbook files: YAML text to the {@code runbook} records, with the file, line and column of every value.
 *
 * <p>{@link dev.runbookbot.runbook.load.YamlTreeReader} turns Jackson's streaming YAML tokens into a small positioned
 * tree; it never binds to classes, so no YAML tag can instantiate anything, and it refuses anchors, aliases, tags,
 * duplicate keys, several documents and oversized or over-deep input ({@link dev.runbookbot.runbook.load.YamlLimits}).
 * {@link dev.runbookbot.runbook.load.RunbookLoader} maps the tree onto the records following
 * {@link dev.runbookbot.runbook.load.RunbookFormat} and reports every structural problem at once (unknown keys with a
 * suggestion, missing keys, wrong types, invalid values), keeping a {@link dev.runbookbot.runbook.SourceMap} so that
 * later checks can point at the right place too. This is the one core package that imports a library (Jackson's YAML
 * parser); it exposes none of it.
 */
package dev.runbookbot.runbook.load;
