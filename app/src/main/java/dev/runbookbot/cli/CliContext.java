package dev.runbookbot.cli;

import dev.runbookbot.lint.Linter;
import dev.runbookbot.secrets.MasterKeys;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the subcommands need from the rest of the application, built by the caller (Main through {@code runtime}, or a
 * test) and created lazily, so {@code runbookctl schema} builds nothing it does not use. Add a component here when a
 * subcommand needs a new collaborator.
 *
 * @param linter checks runbooks ({@code lint})
 * @param store reads the bot's database read-only ({@code incidents}, {@code timeline}, {@code report})
 * @param defaultDatabase the database file when {@code --db} is not given
 * @param secretStore opens the encrypted credential store ({@code secret}): {@code JdbiSecretStore::withFile}
 * @param masterKeys the configured master keys ({@code secret set}, {@code secret rotate-key})
 * @param secretInput where {@code secret set} reads a value: standard input, or the terminal without echo
 * @param operator who runs the command, recorded with each secret change (for example {@code cli:alice})
 * @param promotions reads and adds promotions in the bot's database ({@code promote}, {@code promotions})
 * @param osUser the operating-system user, who {@code promote} records when {@code --by} is not given
 * @param diagnosis builds the read-only diagnosis half for {@code run} and {@code simulate}
 * @param bot builds the Slack bot ({@code bot}); called only by that command
 * @param storeCopier copies an SQLite record into PostgreSQL ({@code store copy})
 */
public record CliContext(
        Supplier<Linter> linter,
        StoreReader store,
        Supplier<Path> defaultDatabase,
        SecretStoreAccess secretStore,
        Supplier<MasterKeys> masterKeys,
        SecretInput secretInput,
        Supplier<String> operator,
        PromotionsAccess promotions,
        Supplier<String> osUser,
        DiagnosisSetup diagnosis,
        Supplier<BotProcess> bot,
        StoreCopier storeCopier) {
    /** Everything but {@code store copy}, which fails if called. */
    public CliContext(
            Supplier<Linter> linter,
            StoreReader store,
            Supplier<Path> defaultDatabase,
            SecretStoreAccess secretStore,
            Supplier<MasterKeys> masterKeys,
            SecretInput secretInput,
            Supplier<String> operator,
            PromotionsAccess promotions,
            Supplier<String> osUser,
            DiagnosisSetup diagnosis,
            Supplier<BotProcess> bot) {
        this(
                linter,
                store,
                defaultDatabase,
                secretStore,
                masterKeys,
                secretInput,
                operator,
                promotions,
                osUser,
                diagnosis,
                bot,
                StoreCopier.UNAVAILABLE);
    }

    /** Everything but the bot: {@code bot} fails if called. */
    public CliContext(
            Supplier<Linter> linter,
            StoreReader store,
            Supplier<Path> defaultDatabase,
            SecretStoreAccess secretStore,
            Supplier<MasterKeys> masterKeys,
            SecretInput secretInput,
            Supplier<String> operator,
            PromotionsAccess promotions,
            Supplier<String> osUser,
            DiagnosisSetup diagnosis) {
        this(
                linter,
                store,
                defaultDatabase,
                secretStore,
                masterKeys,
                secretInput,
                operator,
                promotions,
                osUser,
                diagnosis,
                NO_BOT);
    }

    /** Everything but the diagnosis wiring: {@code run} and {@code simulate} fail if called. */
    public CliContext(
            Supplier<Linter> linter,
            StoreReader store,
            Supplier<Path> defaultDatabase,
            SecretStoreAccess secretStore,
            Supplier<MasterKeys> masterKeys,
            SecretInput secretInput,
            Supplier<String> operator,
            PromotionsAccess promotions,
            Supplier<String> osUser) {
        this(
                linter,
                store,
                defaultDatabase,
                secretStore,
                masterKeys,
                secretInput,
                operator,
                promotions,
                osUser,
                DiagnosisSetup.NONE);
    }

    /** Only lint, the incident reader and diagnosis (tests of run and simulate). */
    public CliContext(
            Supplier<Linter> linter, StoreReader store, Supplier<Path> defaultDatabase, DiagnosisSetup diagnosis) {
        this(
                linter,
                store,
                defaultDatabase,
                NO_SECRETS,
                MasterKeys::none,
                new SecretInput(java.io.InputStream.nullInputStream(), null),
                () -> "",
                PromotionsAccess.unavailable(),
                () -> "",
                diagnosis);
    }

    /** A command line without promotions (they fail with a clear message). */
    public CliContext(
            Supplier<Linter> linter,
            StoreReader store,
            Supplier<Path> defaultDatabase,
            SecretStoreAccess secretStore,
            Supplier<MasterKeys> masterKeys,
            SecretInput secretInput,
            Supplier<String> operator) {
        this(
                linter,
                store,
                defaultDatabase,
                secretStore,
                masterKeys,
                secretInput,
                operator,
                PromotionsAccess.unavailable(),
                () -> "");
    }

    /** A command line without secrets (they fail with a clear message). */
    public CliContext(
            Supplier<Linter> linter,
            StoreReader store,
            Supplier<Path> defaultDatabase,
            PromotionsAccess promotions,
            Supplier<String> osUser) {
        this(
                linter,
                store,
                defaultDatabase,
                NO_SECRETS,
                MasterKeys::none,
                new SecretInput(java.io.InputStream.nullInputStream(), null),
                () -> "",
                promotions,
                osUser);
    }

    /** A command line with neither secrets nor promotions. */
    public CliContext(Supplier<Linter> linter, StoreReader store, Supplier<Path> defaultDatabase) {
        this(linter, store, defaultDatabase, PromotionsAccess.unavailable(), () -> "");
    }

    /** The same context with {@code bot} building the Slack bot. */
    public CliContext withBot(Supplier<BotProcess> bot) {
        return with(bot, storeCopier);
    }

    /** The same context with {@code store copy} wired. */
    public CliContext withStoreCopier(StoreCopier copier) {
        return with(bot, copier);
    }

    private CliContext with(Supplier<BotProcess> newBot, StoreCopier newCopier) {
        return new CliContext(
                linter,
                store,
                defaultDatabase,
                secretStore,
                masterKeys,
                secretInput,
                operator,
                promotions,
                osUser,
                diagnosis,
                newBot,
                newCopier);
    }

    private static final Supplier<BotProcess> NO_BOT = () -> {
        throw new IllegalStateException("the bot is not available in this command line");
    };

    private static final SecretStoreAccess NO_SECRETS = new SecretStoreAccess() {
        @Override
        public <T> T withStore(
                Path database,
                MasterKeys keys,
                boolean readOnly,
                java.util.function.Function<? super dev.runbookbot.secrets.SecretStore, ? extends T> work) {
            throw new IllegalStateException("secrets are not available in this command line");
        }
    };
}
