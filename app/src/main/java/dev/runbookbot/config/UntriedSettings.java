package dev.runbookbot.config;

/**
 * The settings as read, before the one trial run of the configured sandbox ({@code true} run in it) that {@link
 * Settings#load} makes: {@link #settings()} serves everything that runs no step (the catalog, the store, Slack), and
 * {@link #tried()} makes the trial and gives the settings {@code load} would have given. The bot makes it on a thread
 * of its own while the rest of its start goes on, since it waits on a child process. Immutable; {@link #tried()} runs a
 * process each time it is called.
 */
public final class UntriedSettings {
    private final SettingsSource source;
    private final Settings settings;

    UntriedSettings(SettingsSource source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** The settings with the sandbox as configured, not tried. */
    public Settings settings() {
        return settings;
    }

    /**
     * Tries the sandbox: the settings as configured when it works; without a chosen {@code sandbox.mode}, no sandbox
     * (with a loud warning) when bubblewrap does not work here.
     *
     * @throws SettingsException when the chosen mode does not work on this machine, saying how to fix it
     */
    public Settings tried() {
        return settings.withSandbox(
                SandboxSettingsReader.tried(source, settings.processes().sandbox()));
    }
}
