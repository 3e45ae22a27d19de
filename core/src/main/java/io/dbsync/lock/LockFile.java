package io.dbsync.lock;

import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock as a file holding its {@link LockInfo} (JSON), created with CREATE_NEW: the one
 * lock of the tool, for the export repository (.git/databricks-sync.lock) and the local import state.
 * A lock whose holder ran on this host and is gone is stale: the next run takes it over and says so
 * ({@link Held#replaced}). Releasing deletes the file only while it is still ours.
 */
public final class LockFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final String what;

  /** @param what how messages name the locked thing ("repository /x", "state at /y") */
  public LockFile(Path file, String what) {
    this.file = file.toAbsolutePath().normalize();
    this.what = what;
  }

  public Path file() {
    return file;
  }

  /** A held lock; closing releases it. */
  public final class Held implements AutoCloseable {
    private final LockInfo info;
    private final LockInfo replaced;

    private Held(LockInfo info, LockInfo replaced) {
      this.info = info;
      this.replaced = replaced;
    }

    /** The stale lock this one took over (its holder was gone), if any. */
    public Optional<LockInfo> replaced() {
      return Optional.ofNullable(replaced);
    }

    public LockInfo info() {
      return info;
    }

    @Override
    public void close() throws IOException {
      Optional<LockInfo> now = holder();
      if (now.isPresent() && info.id().equals(now.get().id())) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Takes the lock for {@code me}, taking over a stale one.
   *
   * @throws LockHeldException naming the holder when another run holds it (or its holder cannot be told dead)
   */
  public Held acquire(LockInfo me) throws IOException, LockHeldException {
    Files.createDirectories(file.getParent());
    byte[] content = JSON.writeValueAsBytes(me);
    LockInfo replaced = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Held(me, replaced);
      } catch (FileAlreadyExistsException e) {
        Optional<LockInfo> holder = holder();
        if (holder.isEmpty() || holder.get().liveness() != LockInfo.Liveness.GONE || attempt > 0) {
          throw new LockHeldException(what, holder.orElse(null), file);
        }
        replaced = holder.get();
        deleteIfStillHeldBy(replaced.id());
      }
    }
    throw new LockHeldException(what, holder().orElse(null), file);
  }

  /**
   * Removes the lock with this id (terraform's force-unlock); refuses while its holder is alive on
   * this host unless {@code force}.
   *
   * @return false when no lock with that id is held
   */
  public boolean forceUnlock(String id, boolean force) throws IOException {
    Optional<LockInfo> holder = holder();
    if (holder.isEmpty() || !holder.get().id().equals(id)) {
      return false;
    }
    if (!force && holder.get().liveness() == LockInfo.Liveness.ALIVE) {
      throw new HolderAliveException(holder.get());
    }
    return deleteIfStillHeldBy(id);
  }

  private boolean deleteIfStillHeldBy(String id) throws IOException {
    Optional<LockInfo> now = holder();
    if (now.isPresent() && now.get().id().equals(id)) {
      Files.deleteIfExists(file);
      return true;
    }
    return false;
  }

  /** The holder recorded in the file; empty when there is no lock or it is unreadable (half-written). */
  public Optional<LockInfo> holder() {
    try {
      return Optional.ofNullable(JSON.readValue(Files.readAllBytes(file), LockInfo.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
