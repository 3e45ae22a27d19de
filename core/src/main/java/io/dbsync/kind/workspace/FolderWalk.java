package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Lists a workspace folder and every folder below it, each as soon as its parent's listing names it.
 * A folder listing costs one round trip and deep trees are mostly waiting: listing level by level
 * would leave the workspace family's budget idle while the slowest folder of a level answers. What
 * the walk returns is only the listings; the caller reads them in an order of its own, so its result
 * does not depend on which listing came first.
 */
final class FolderWalk {
  /** One folder's workspace/list response, or null when the folder does not exist. */
  interface Lister {
    JsonNode list(String dir) throws IOException;
  }

  /** At most this many listings in flight (the pacer holds the family's rate; this bounds the threads). */
  static final int PARALLELISM = 8;

  private final Lister lister;
  private final Predicate<String> skipped;
  private final Map<String, Optional<JsonNode>> listed;
  private final ExecutorService pool;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Semaphore slots = new Semaphore(PARALLELISM);
  /** Listings started and not finished, plus one for the walk itself until it started the base. */
  private final AtomicInteger pending = new AtomicInteger(1);
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private FolderWalk(Lister lister, Predicate<String> skipped, Map<String, Optional<JsonNode>> listed,
                     ExecutorService pool) {
    this.lister = lister;
    this.skipped = skipped;
    this.listed = listed;
    this.pool = pool;
    started.addAll(listed.keySet());
  }

  /**
   * Lists {@code base} and every folder below it that is not skipped into {@code listed} (a folder
   * that does not exist maps to empty). Folders already in {@code listed} are neither listed again
   * nor descended into. The first failure stops the walk: no new listing starts, the ones in flight
   * finish, and it is thrown.
   */
  static void walk(Lister lister, String base, Predicate<String> skipped, Map<String, Optional<JsonNode>> listed)
      throws IOException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      FolderWalk walk = new FolderWalk(lister, skipped, listed, pool);
      walk.consider(base);
      walk.finished();
      walk.done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while listing the workspace");
    }
  }

  /** Lists {@code dir} on a thread of its own unless it is skipped, started already, or the walk failed. */
  private void consider(String dir) {
    if (!done.isDone() && !skipped.test(dir) && started.add(dir)) {
      pending.incrementAndGet();
      pool.execute(() -> list(dir));
    }
  }

  private void list(String dir) {
    try {
      JsonNode listing;
      slots.acquire();
      try {
        if (done.isDone()) {
          return; // failed meanwhile: nothing more is listed
        }
        listing = lister.list(dir);
      } finally {
        slots.release();
      }
      listed.put(dir, Optional.ofNullable(listing));
      if (listing != null) {
        for (JsonNode o : listing.path("objects")) {
          String path = o.path("path").asText();
          if ("DIRECTORY".equals(o.path("object_type").asText()) && !path.equals(dir)) {
            consider(path);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(e);
    } catch (InterruptedException e) {
      done.completeExceptionally(new InterruptedIOException("interrupted while listing the workspace"));
    } finally {
      finished();
    }
  }

  private void finished() {
    if (pending.decrementAndGet() == 0) {
      done.complete(null);
    }
  }
}
