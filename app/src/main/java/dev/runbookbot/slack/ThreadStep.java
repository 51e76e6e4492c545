package dev.runbookbot.slack;

/**
 * The order in which an incident thread's messages go out: the parent first (once there is something to post), then
 * the one reply (once it shows anything and the parent is there to thread it under), then the notes in the order they
 * came; nothing once the thread is abandoned.
 */
enum ThreadStep {
    NONE,
    PARENT,
    REPLY,
    NOTE;

    /**
     * @param replyWanted the reply is not posted yet, has not failed, and shows something
     */
    static ThreadStep next(
            boolean abandoned, boolean parentPosted, boolean parentReady, boolean replyWanted, boolean notesWaiting) {
        if (abandoned) {
            return NONE;
        }
        if (!parentPosted) {
            return parentReady ? PARENT : NONE;
        }
        if (replyWanted) {
            return REPLY;
        }
        return notesWaiting ? NOTE : NONE;
    }
}
