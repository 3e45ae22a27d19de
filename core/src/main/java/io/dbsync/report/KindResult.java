package io.dbsync.report;

/**
 * What happened to one kind in an export run. {@code kept} counts files left as they were because
 * their source could not be read (the kind's listing failed, or one object's export failed): the
 * exporter never turns an API error into a deletion.
 */
public record KindResult(String type, String configKey, String directory, int listed, int exported,
                         int failed, int skipped, int kept, String listingError) {
  public enum Status { OK, PARTIAL, LIST_FAILED }

  public Status status() {
    if (listingError != null) {
      return Status.LIST_FAILED;
    }
    return failed > 0 ? Status.PARTIAL : Status.OK;
  }
}
