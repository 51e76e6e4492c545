package dev.runbookbot.store;

import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * How strings are bound on PostgreSQL. Its text type cannot hold the character U+0000, which SQLite stores and alert
 * data may carry (a hostile label); such a statement would fail every time, and a webhook refused that way would be
 * retried by its sender forever. So U+0000 is stored as U+FFFD, the replacement character; every other character is
 * kept exactly. (Slack shows neither: control characters are removed when a message is rendered.)
 */
final class PostgresText extends AbstractArgumentFactory<String> {
    static final char NUL = '\u0000';
    static final char REPLACEMENT = '\uFFFD';

    PostgresText() {
        super(Types.VARCHAR);
    }

    @Override
    protected Argument build(String value, ConfigRegistry config) {
        String stored = storable(value);
        return (position, statement, context) -> statement.setString(position, stored);
    }

    static String storable(String value) {
        return value.indexOf(NUL) < 0 ? value : value.replace(NUL, REPLACEMENT);
    }
}
