/**
 * Git for both directions: {@link io.dbsync.git.GitWorkspace} commits, tags and pushes an export (local
 * or SSH), {@link io.dbsync.git.RevisionCheckout} checks out the revision an import applies, and
 * {@link io.dbsync.git.Changelog} describes what an export changed.
 */
package io.dbsync.git;
