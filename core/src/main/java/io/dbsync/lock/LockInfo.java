package io.dbsync.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/**
 * Who holds a lock and why; stored with the lock (as JSON) so that a blocked run can name the
 * holder, and so that a lock left by a process that is gone from this host can be told apart from
 * one whose holder is still running ({@link #liveness}).
 *
 * @param id            the lock's id (what --force-unlock names)
 * @param who           user@host, as shown to a blocked run
 * @param operation     "export", "import apply", ...
 * @param createdMillis when the lock was taken
 * @param pid           the holder's process id (0: not recorded)
 * @param host          the holder's host name (null: not recorded)
 */
public record LockInfo(String id, String who, String operation, long createdMillis, long pid, String host) {
  /** Whether the holder still runs, as far as this process can tell. */
  public enum Liveness {
    /** The holder's process runs on this host. */
    ALIVE,
    /** The holder ran on this host and its process is gone: the lock is stale. */
    GONE,
    /** Another host, or no pid recorded: nobody here can tell. */
    UNKNOWN
  }

  /** A holder without process information (older locks, remote runs). */
  public LockInfo(String id, String who, String operation, long createdMillis) {
    this(id, who, operation, createdMillis, 0, null);
  }

  /** A new lock id held by this process, now. */
  public static LockInfo forThisProcess(String who, String operation) {
    return new LockInfo(UUID.randomUUID().toString(), who, operation, System.currentTimeMillis(),
        ProcessHandle.current().pid(), thisHost());
  }

  /** This machine's host name ("localhost" when it cannot be had). */
  public static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  public Liveness liveness() {
    if (pid <= 0 || host == null || !host.equals(thisHost())) {
      return Liveness.UNKNOWN;
    }
    if (pid == ProcessHandle.current().pid()) {
      return Liveness.ALIVE;
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Liveness.ALIVE : Liveness.GONE;
  }

  /** "alice@ci (import apply, lock id X, since T, pid 42 on ci-7, still running)". */
  public String describe() {
    String process = pid <= 0 ? "" : ", pid " + pid + (host == null ? "" : " on " + host) + switch (liveness()) {
      case ALIVE -> ", still running";
      case GONE -> ", no longer running";
      case UNKNOWN -> "";
    };
    return who + " (" + operation + ", lock id " + id + ", since " + Instant.ofEpochMilli(createdMillis) + process + ")";
  }
}
