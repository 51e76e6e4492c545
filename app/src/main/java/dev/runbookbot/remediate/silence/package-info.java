/**
 * The {@code silence} action: an Alertmanager silence (API v2) for the alert an incident came from, with matchers
 * from the alert's labels, {@code startsAt}/{@code endsAt} computed from a duration, and a comment saying why and
 * which run made it. Adapter: may import okhttp and Jackson, never another adapter.
 */
package dev.runbookbot.remediate.silence;
