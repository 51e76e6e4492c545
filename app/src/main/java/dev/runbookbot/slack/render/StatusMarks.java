package dev.runbookbot.slack.render;

import dev.runbookbot.decide.OverallSeverity;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.remediate.RunState;
import java.util.Locale;

/** The emoji and words that show a status at a glance, the same in every message. */
public final class StatusMarks {
    private StatusMarks() {}

    public static String of(DiagnosticStatus status) {
        return switch (status) {
            case HEALTHY -> ":large_green_circle:";
            case WARNING -> ":large_yellow_circle:";
            case CRITICAL -> ":red_circle:";
            case UNKNOWN -> ":white_circle:";
            case ERROR -> ":warning:";
            case SKIPPED -> ":fast_forward:";
        };
    }

    public static String of(OverallSeverity severity) {
        return switch (severity) {
            case HEALTHY -> ":large_green_circle:";
            case WARNING -> ":large_yellow_circle:";
            case CRITICAL -> ":red_circle:";
            case UNKNOWN -> ":white_circle:";
        };
    }

    public static String of(IncidentState state) {
        return switch (state) {
            case OPEN -> ":large_blue_circle:";
            case DIAGNOSING -> ":mag:";
            case AWAITING_APPROVAL -> ":raised_hand:";
            case REMEDIATING -> ":wrench:";
            case RESOLVED -> ":white_check_mark:";
            case ESCALATED -> ":rotating_light:";
            case NEEDS_ATTENTION -> ":sos:";
        };
    }

    public static String of(RunState state) {
        return switch (state) {
            case PROPOSED -> ":hourglass_flowing_sand:";
            case APPROVED -> ":white_check_mark:";
            case REJECTED -> ":no_entry_sign:";
            case EXPIRED -> ":hourglass:";
            case RUNNING -> ":arrow_forward:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":x:";
            case INTERRUPTED -> ":warning:";
            case CANCELLED -> ":heavy_minus_sign:";
        };
    }

    /** {@code awaiting approval} for {@code AWAITING_APPROVAL}. */
    public static String words(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
