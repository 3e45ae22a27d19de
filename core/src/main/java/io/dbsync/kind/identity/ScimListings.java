package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.RunListings;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One listing per SCIM collection and run ({@link RunListings}): the import finds a user, group or
 * service principal by its natural key, and refreshes it, from the collection's listing (what the
 * export reads too, with every attribute the kinds map) instead of a filtered query and a GET per
 * object. The kinds' writes to a collection drop its listing.
 */
final class ScimListings {
  private ScimListings() {}

  /** The collection's objects by SCIM id. */
  static Map<String, ObjectNode> byId(KindContext ctx, Scim.Collection coll) {
    try {
      return RunListings.of(ctx).get(key(coll), () -> {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode o : switch (coll) {
          case USERS -> Scim.users(ctx.client());
          case GROUPS -> Scim.groups(ctx.client());
          case SERVICE_PRINCIPALS -> Scim.servicePrincipals(ctx.client());
        }) {
          out.put(Scim.text(o, "id"), o);
        }
        return Collections.unmodifiableMap(out);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the loader throws no checked exception
    }
  }

  /** The id of the object whose {@code attribute} equals {@code value}, case-insensitively as {@link Scim#findId}. */
  static Optional<String> findId(KindContext ctx, Scim.Collection coll, String attribute, String value) {
    String wanted = value.toLowerCase(Locale.ROOT);
    return byId(ctx, coll).values().stream()
        .filter(o -> wanted.equals(Scim.text(o, attribute).toLowerCase(Locale.ROOT)))
        .map(o -> Scim.text(o, "id"))
        .findFirst();
  }

  /**
   * The owner with only {@code attribute}, as {@link Scim#getAttributes} reads it, from the collection's
   * listing; empty when the listing cannot answer exactly: it lacks the owner, this run wrote the
   * collection (an owner it created or deleted would be missing or stale in a listing read before), or
   * the listing did not request the attribute and the owner came without it. The group listing asks
   * for every attribute the kinds map, so a group without it has none; the users and service
   * principals listings take the server's default attributes (selection may match any raw field),
   * and a server may leave an attribute such as {@code roles} out of those: an owner listed with the
   * attribute is answered from the listing (a user's instance-profile roles: no GET per user), one
   * listed without it is read.
   */
  static Optional<ObjectNode> attribute(KindContext ctx, Scim.Collection coll, String id, String attribute) {
    if (RunListings.of(ctx).changedInRun(key(coll))) {
      return Optional.empty();
    }
    boolean requested = coll == Scim.Collection.GROUPS && Scim.GROUP_ATTRIBUTES.contains(attribute);
    if (coll == Scim.Collection.GROUPS && !requested) {
      return Optional.empty();
    }
    ObjectNode listed = byId(ctx, coll).get(id);
    if (listed == null || (!requested && !listed.has(attribute))) {
      return Optional.empty();
    }
    ObjectNode out = TfJson.object().put("id", id);
    if (listed.has(attribute)) {
      out.set(attribute, listed.get(attribute).deepCopy());
    }
    return Optional.of(out);
  }

  /** An object of the collection was written: the listing is read again when next asked for. */
  static void changed(KindContext ctx, Scim.Collection coll) {
    RunListings.of(ctx).changed(key(coll));
  }

  private static String key(Scim.Collection coll) {
    return "scim:" + coll;
  }
}
