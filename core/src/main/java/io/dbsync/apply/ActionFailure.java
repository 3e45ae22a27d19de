package io.dbsync.apply;

import io.dbsync.plan.Action;

/**
 * A change that did not happen: it failed ({@code message} says why) or was skipped because
 * {@code blockedBy}, a change it depends on, failed.
 */
public record ActionFailure(String address, Action action, String message, String blockedBy) {
  public boolean skipped() {
    return blockedBy != null;
  }
}
