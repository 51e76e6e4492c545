package dev.runbookbot.process;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.StreamPumper;

/**
 * A {@link PumpStreamHandler} whose stdout and stderr pumps stop only at the pipe's real end-of-file.
 *
 * <p>When a child exits, the JDK's process reaper drains what the pipe holds at that instant and closes the JVM's end
 * of it, so a reader that comes back for more sees end-of-file even while a grandchild still holds the write end.
 * The reaper needs the stream's monitor for that, which a reader holds only while it is inside {@code read}: whether
 * the close happens therefore depends on where the pump thread is when the child exits, and on a loaded machine it
 * often is between two reads. Each pump here holds the monitor for its whole run, so the reaper waits until the pump
 * has reached end-of-file, and "the streams reached end-of-file" means that every holder of the pipe closed it. The
 * cost is unchanged from the common case: while an escaped process keeps a pipe open, its pump thread and one reaper
 * thread wait for it; the runner itself stops waiting after the drain timeout.
 *
 * <p>What this cannot change: a child that exits before its pump first reads (a quick command on a busy machine) has
 * its pipes drained and closed by the reaper at exit. Its output up to then is kept, but a process it left holding
 * the pipe goes unseen.
 */
final class EndOfFileStreamHandler extends PumpStreamHandler {
    private final String threadName;

    EndOfFileStreamHandler(OutputStream out, OutputStream err, InputStream stdin, String threadName) {
        super(out, err, stdin);
        this.threadName = threadName;
    }

    /** Used for the child's stdout and stderr only; the stdin pump is built by the three-argument overload. */
    @Override
    protected Thread createPump(InputStream is, OutputStream os) {
        StreamPumper pumper = new StreamPumper(is, os, false);
        Thread thread = new Thread(
                () -> {
                    synchronized (is) {
                        pumper.run();
                    }
                },
                threadName);
        thread.setDaemon(true);
        return thread;
    }
}
