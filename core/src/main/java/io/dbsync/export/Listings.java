package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Phase 1 of an export, overlapping phase 2: every selected kind lists on threads of its own (at
 * most {@code parallelism} at a time, never waiting for an object slot), and as soon as every kind
 * sharing a directory has listed, that directory's objects are named ({@link ResourceNames}: names
 * are unique per directory across the kinds sharing it) and handed on to be exported, while other
 * kinds still list. A kind whose listing failed gets its previous names from its
 * {@code .source-ids.json} instead, so references to its kept files still resolve. Either way its
 * type is then settled in the {@link ReferenceIndex}, which lookups of that type wait for.
 */
final class Listings {
  /** One kind's listing; failures are returned as a {@link Exporter.Listing} with an error. */
  interface Lister {
    Exporter.Listing list(Kind kind);
  }

  /** Told of each directory's named objects (the kinds that listed), from a listing thread. */
  interface Named {
    void objects(Kind kind, List<SourceObject> named);
  }

  /** Every kind's listing and its named objects (listed kinds only), both in the order of the kinds given. */
  record Result(List<Exporter.Listing> listings, Map<Kind, List<SourceObject>> named) {}

  private final List<Kind> kinds;
  private final ReferenceIndex index;
  private final Function<Kind, Path> dirOf;
  private final Named named;
  /** Guarded by this: listings by position, kinds of each directory not yet listed, names given. */
  private final Exporter.Listing[] listings;
  private final Map<String, Integer> unlisted = new HashMap<>();
  private final Map<Kind, List<SourceObject>> names = new HashMap<>();

  private Listings(List<Kind> kinds, ReferenceIndex index, Function<Kind, Path> dirOf, Named named) {
    this.kinds = kinds;
    this.index = index;
    this.dirOf = dirOf;
    this.named = named;
    this.listings = new Exporter.Listing[kinds.size()];
    kinds.forEach(k -> unlisted.merge(k.info().directory(), 1, Integer::sum));
  }

  /**
   * Lists every kind; returns when all listed and every directory's objects were handed to {@code named}.
   * An error that escaped a listing (a virtual machine error) is rethrown once every kind settled.
   */
  static Result run(List<Kind> kinds, int parallelism, Lister lister, ReferenceIndex index,
                    Function<Kind, Path> dirOf, Named named) {
    Listings run = new Listings(kinds, index, dirOf, named);
    Semaphore permits = new Semaphore(Math.max(1, parallelism));
    Throwable[] escaped = new Throwable[kinds.size()];
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < kinds.size(); i++) {
        int at = i;
        exec.execute(() -> {
          Kind kind = kinds.get(at);
          Exporter.Listing listing;
          permits.acquireUninterruptibly();
          try {
            listing = lister.list(kind);
          } catch (Throwable t) {
            escaped[at] = t;
            listing = new Exporter.Listing(kind, null, Exporter.describe(t));
          } finally {
            permits.release();
          }
          run.listed(at, listing);
        });
      }
    }
    for (Throwable t : escaped) {
      if (t instanceof Error e) {
        throw e;
      }
      if (t instanceof RuntimeException e) {
        throw e;
      }
    }
    Map<Kind, List<SourceObject>> ordered = new LinkedHashMap<>();
    for (Kind k : kinds) {
      if (run.names.containsKey(k)) {
        ordered.put(k, run.names.get(k));
      }
    }
    return new Result(Arrays.asList(run.listings), ordered);
  }

  /** Records a kind's listing; the last of its directory names the directory's objects and settles their types. */
  private synchronized void listed(int at, Exporter.Listing listing) {
    listings[at] = listing;
    String dir = kinds.get(at).info().directory();
    if (unlisted.merge(dir, -1, Integer::sum) > 0) {
      return;
    }
    List<Exporter.Listing> ofDir = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i).info().directory().equals(dir)) {
        ofDir.add(listings[i]);
      }
    }
    Map<Kind, List<SourceObject>> dirNames = Map.of();
    try {
      dirNames = ResourceNames.assign(ofDir, index);
      for (Exporter.Listing l : ofDir) {
        if (l.error() != null) {
          SourceIds.load(dirOf.apply(l.kind()), l.kind().info().type(), index);
        }
      }
      names.putAll(dirNames);
    } finally {
      // whatever happened, lookups of these types must not wait any longer
      ofDir.forEach(l -> index.settled(l.kind().info().type()));
    }
    dirNames.forEach(named::objects);
  }
}
