package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refreshes from a kind's listing (issue 14): the target's objects of one kind by id, listed once per
 * run ({@link RunListings}: single-flight, run-scoped), answer the refresh of each, instead of a GET per
 * object. The listing answers only what it holds exactly as the object's own read would: an object the
 * listing lacks (deleted, or listed incompletely and so left out by the loader) and an object this run
 * wrote are read on their own, so nothing is guessed and what the run just wrote is read fresh. A write
 * marks its one object rather than dropping the listing, so an apply's writes never make the listing be
 * read again (a listing per write would be quadratic in a large workspace).
 */
public final class ListedById {
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  public static ListedById of(KindContext ctx) {
    return ctx.shared(ListedById.class, ListedById::new);
  }

  /**
   * The object {@code id} from the listing under {@code listing} (loaded by {@code loader} on first
   * use), or empty when the caller must read it on its own: the run wrote it, or the listing lacks it.
   */
  public <T> Optional<T> get(KindContext ctx, String listing, String id, RunListings.Loader<Map<String, T>> loader)
      throws IOException {
    if (written.contains(listing + "\n" + id)) {
      return Optional.empty();
    }
    Map<String, T> byId = RunListings.of(ctx).get(listing, loader);
    return byId == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /**
   * The refresh of a kind whose listing gives each object as {@link Kind#read} does: the listed object
   * ({@link #get}), else the kind's own read, mapped by {@link Kind#toConfig}.
   */
  public <T extends JsonNode> Optional<ObjectNode> refresh(ApplyContext ctx, Kind kind, String listing, String id,
                                                           RunListings.Loader<Map<String, T>> loader) throws IOException {
    Optional<T> listed = get(ctx, listing, id, loader);
    JsonNode raw = listed.isPresent() ? listed.get() : kind.read(ctx, id);
    return raw == null ? Optional.empty() : Optional.of(kind.toConfig(raw, ctx.rendering()));
  }

  /** The items keyed by their {@code idField}, in order, for a loader of {@link #get}. */
  public static <T extends JsonNode> Map<String, T> byId(Iterable<T> items, String idField) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T item : items) {
      out.put(item.path(idField).asText(), item);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The run writes object {@code id} of the listing (call before the write, so a refresh after it never
   * answers from a listing read before it): from now on it is read on its own.
   */
  public void writing(String listing, String id) {
    written.add(listing + "\n" + id);
  }
}
