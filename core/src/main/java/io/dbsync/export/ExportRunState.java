package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.RunCache;
import io.dbsync.report.Problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one export run accumulates while its kinds list and its objects export, shared by the worker
 * threads (every field is a concurrent structure): the reference index, declared variables, problems,
 * the files written or kept, per-kind counts, and the run's cache for the kinds.
 */
final class ExportRunState {
  /** Per-kind outcome counts. */
  static final class Counts {
    final AtomicInteger exported = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
  }

  final Path exportsDir;
  /** (type, source id) -> resource name, from every listing; lookups wait for their type's kinds. */
  final ReferenceIndex index;
  final VariableDeclarations variables = new VariableDeclarations();
  final Queue<Problem> warnings = new ConcurrentLinkedQueue<>();
  final Queue<Problem> failures = new ConcurrentLinkedQueue<>();
  final CredentialVariables credentials = new CredentialVariables(variables, warnings);
  /** Files written (or found unchanged) this run. */
  final Set<Path> written = ConcurrentHashMap.newKeySet();
  /** What each object file written this run refers to (prune and the root files need not read it back). */
  final Map<Path, ExportTree.References> references = new ConcurrentHashMap<>();
  /** Files of objects whose export failed: kept as they were. */
  final Set<Path> keptAfterFailure = ConcurrentHashMap.newKeySet();
  /** Object files each selected kind directory had before this run (for the mass-deletion safeguard). */
  final Map<String, List<Path>> filesBefore = new ConcurrentHashMap<>();
  final RunCache cache = new RunCache();
  /** What each artifact was read at, previous export's and this run's ({@link SourceMeta}). */
  final SourceMeta sourceMeta;
  private final Map<Kind, Counts> counts = new ConcurrentHashMap<>();

  /** @param types the type of every kind this run lists (their lookups wait for them) */
  ExportRunState(Path exportsDir, Collection<String> types) {
    this.exportsDir = exportsDir;
    this.index = new ReferenceIndex(types);
    this.sourceMeta = new SourceMeta(exportsDir);
  }

  Counts counts(Kind kind) {
    return counts.computeIfAbsent(kind, k -> new Counts());
  }

  /** exports/&lt;directory&gt; of a kind. */
  Path dir(Kind kind) {
    return exportsDir.resolve(kind.info().directory());
  }

  static List<Problem> sorted(Queue<Problem> q) {
    List<Problem> l = new ArrayList<>(q);
    l.sort(Problem.ORDER);
    return List.copyOf(l);
  }
}
