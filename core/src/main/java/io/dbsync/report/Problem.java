package io.dbsync.report;

import java.util.Comparator;

/**
 * A failure or warning about one kind (object null: the kind as a whole, e.g. its listing) or one
 * object of it (its resource name).
 */
public record Problem(String type, String object, String message) {
  public static final Comparator<Problem> ORDER = Comparator
      .comparing(Problem::type, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Problem::object, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Problem::message, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** "type name: message" or "type: message". */
  public String describe() {
    return (type == null ? "" : type) + (object == null ? "" : " " + object) + ": " + message;
  }
}
