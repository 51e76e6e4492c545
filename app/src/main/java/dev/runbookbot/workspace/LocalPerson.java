package dev.runbookbot.workspace;

/**
 * Someone in the local workspace. {@code approver} people are members of the approvers' user group ({@link
 * LocalWorkspace#APPROVERS_GROUP}), which {@code --local} passes to the bot as {@code RUNBOOK_APPROVERS}.
 */
public record LocalPerson(String id, String name, String realName, boolean approver) {}
