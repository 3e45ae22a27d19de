package io.dbsync.state;

import io.dbsync.lock.LockFile;
import io.dbsync.lock.LockHeldException;
import io.dbsync.lock.LockInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * State in a local file (the --artifact-dir). Writes go to a temp file in the same folder, are
 * fsynced and renamed over the state with ATOMIC_MOVE, so a crash leaves the old or the new state.
 * The lock is the sibling {@link LockFile} "<state>.lock": a lock whose holder is gone from this
 * host is taken over, force-unlock refuses while the holder runs. Changes between full writes go to a
 * sibling journal ({@code .journal}, {@link LocalStateJournal}).
 */
public final class LocalStateStore implements StateStore {
  /** File name used inside an artifact dir. */
  public static final String STATE_FILE = "databricks-sync.state.json";

  private final Path file;
  private final Path lockFile;
  private final LocalStateJournal journal;
  private final LockFile lock;

  public LocalStateStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    this.journal = new LocalStateJournal(this.file.resolveSibling(this.file.getFileName() + ".journal"));
    this.lock = new LockFile(lockFile, "state at " + this.file);
  }

  @Override
  public Optional<StateJournal> journal() {
    return Optional.of(journal);
  }

  /** The store for an artifact dir: {@code <dir>/databricks-sync.state.json}. */
  public static LocalStateStore inDirectory(Path artifactDir) {
    return new LocalStateStore(artifactDir.resolve(STATE_FILE));
  }

  public Path file() {
    return file;
  }

  public Path lockFile() {
    return lockFile;
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(byte[] state) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(ch)) {
        out.write(state);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public StateLock lock(LockInfo info) throws IOException, StateLockedException {
    LockFile.Held held;
    try {
      held = lock.acquire(info);
    } catch (LockHeldException e) {
      throw new StateLockedException(describe(), e.holder());
    }
    return held::close;
  }

  @Override
  public void forceUnlock(String lockId) throws IOException {
    forceUnlock(lockId, false);
  }

  @Override
  public void forceUnlock(String lockId, boolean force) throws IOException {
    if (!lock.forceUnlock(lockId, force)) {
      throw new LockNotHeldException("no lock with id " + lockId + " on " + describe());
    }
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
