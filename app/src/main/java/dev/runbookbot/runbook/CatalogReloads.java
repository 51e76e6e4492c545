package dev.runbookbot.runbook;

/**
 * Reloads the catalog from its runbook directory now ({@code /runbook reload}, SIGHUP, a change in the directory), with
 * the rules of {@link ReloadableCatalog}: the directory is linted as a whole and a broken file keeps its last valid
 * version. Thread-safe; reloads run one at a time.
 */
public interface CatalogReloads {
    /**
     * @param trigger who or what asked, for the log ({@code U123}, {@code SIGHUP}, {@code file change})
     * @return what changed
     */
    CatalogReload reload(String trigger);
}
