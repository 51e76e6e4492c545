/**
 * The vocabulary of the record that incidents and remediations both write: the ids that name them ({@link
 * dev.runbookbot.audit.IncidentId}, {@link dev.runbookbot.audit.RunId}), who acted ({@link
 * dev.runbookbot.audit.Actor}), where something was shown in chat ({@link dev.runbookbot.audit.ChatLocation}, {@link
 * dev.runbookbot.audit.ChatPost}), the timeline ({@link dev.runbookbot.audit.TimelineEvent}) and the automation
 * events the overrides report reads ({@link dev.runbookbot.audit.AutomationEvent}).
 * Each timeline entry's detail is a typed record ({@link dev.runbookbot.audit.TimelineDetail}: a state change, an
 * opening, an escalation, a thread opened, a run's change or refusal, a suppression, a hand-off, a recovery check),
 * written and read back with Jackson by {@code audit.json.TimelineDetails}, which reads old rows tolerantly; no detail
 * is built by hand or searched as text.
 *
 * <p>It is the lowest layer of the middle: {@code remediate} and {@code incident} both import it, it imports neither
 * (only the JDK), so the arrow between them can point one way ({@code incident -> remediate}). Values only: records
 * and enums, immutable and thread-safe; nothing here reads or writes anything.
 */
package dev.runbookbot.audit;
