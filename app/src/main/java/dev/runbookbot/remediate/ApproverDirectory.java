package dev.runbookbot.remediate;

import java.util.Set;

/** Resolves a user group id (Slack {@code S…}) to the user ids in it, at the moment of the check. Thread-safe. */
@FunctionalInterface
public interface ApproverDirectory {
    /** The members' user ids; empty when the group is unknown or cannot be read right now. */
    Set<String> membersOf(String groupId);

    static ApproverDirectory none() {
        return groupId -> Set.of();
    }
}
