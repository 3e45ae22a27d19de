/**
 * Carries out a plan: {@link io.dbsync.apply.Applier} walks the changes in dependency order with bounded
 * parallelism, resolving references from the state just before each action, and
 * {@link io.dbsync.apply.StateSession} writes the state after every action (a pending mark before each
 * create), so a crash resumes without duplicates. See docs/architecture.md.
 */
package io.dbsync.apply;
