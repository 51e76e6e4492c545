package dev.runbookbot.config;

/**
 * Whether reading the settings tries the configured sandbox once (a run of {@code true} in it): the bot and the
 * commands that run steps do, so that an unusable sandbox is a start-up error; lint, which runs no step, does not.
 */
enum SandboxTrial {
    RUN,
    SKIP
}
