package io.dbsync.apply;

import io.dbsync.plan.Action;

/** A change the apply carried out; {@code id} is the target id after it (null after a delete). */
public record AppliedAction(String address, Action action, String id) {}
