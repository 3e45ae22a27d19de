package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunCache;
import io.dbsync.report.Problem;
import io.dbsync.tf.Names;
import io.dbsync.tf.Refs;
import io.dbsync.tf.Templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The export context and rendering one kind sees while listing (object null) or exporting one
 * object. References resolve through the index built from all listings; artifacts stream to
 * exports/<dir>/data/<path>; variables are declared for variables.tf.json. What it returns as an
 * expression is marked ({@link Templates#expression}); everything else a kind writes is source text,
 * escaped when the exporter renders the file.
 */
final class ObjectContext implements ExportContext, Rendering {
  private final WorkspaceClient client;
  private final Kind kind;
  private final KindSettings settings;
  private final String objectName;
  private final Path kindDir;
  private final ReferenceIndex index;
  private final VariableDeclarations variables;
  private final Consumer<Problem> warnings;
  private final RunCache cache;
  /** exports/<dir> of the kind, also while listing (kindDir is null then): where writeFile goes. */
  private final Path folder;
  private final Set<Path> written;
  private final CredentialVariables credentials;
  private final RunOptions options;

  /**
   * What the whole run asks of every context: the key secret values are encrypted to (null: none),
   * whether artifacts are only probed (assess), the listener that hears of skipped objects, and
   * what each artifact was read at ({@link SourceMeta}: unchanged content is not read again), and
   * who is told of each file an object writes (it is not written again in the run).
   */
  record RunOptions(PgpRecipient secretValuesRecipient, boolean probeArtifacts, ExportListener listener,
                    SourceMeta sourceMeta, Consumer<Path> fileWritten) {}

  ObjectContext(WorkspaceClient client, Kind kind, KindSettings settings, String objectName, Path kindDir,
                ReferenceIndex index, VariableDeclarations variables, Consumer<Problem> warnings,
                RunCache cache, Path folder, Set<Path> written, CredentialVariables credentials,
                RunOptions options) {
    this.client = client;
    this.kind = kind;
    this.settings = settings;
    this.objectName = objectName;
    this.kindDir = kindDir;
    this.index = index;
    this.variables = variables;
    this.warnings = warnings;
    this.cache = cache;
    this.folder = folder;
    this.written = written;
    this.credentials = credentials;
    this.options = options;
  }

  @Override
  public WorkspaceClient client() {
    return client;
  }

  @Override
  public <T> T shared(Class<T> key, Supplier<T> make) {
    return cache.get(key, make);
  }

  @Override
  public KindSettings settings() {
    return settings;
  }

  @Override
  public Rendering rendering() {
    return this;
  }

  @Override
  public void skipped(String object, String reason) {
    options.listener().skipped(kind, object, reason);
  }

  @Override
  public void warn(String message) {
    warnings.accept(new Problem(kind.info().type(), objectName, message));
  }

  @Override
  public String ref(String type, String id, String attr) {
    if (id == null) {
      return null;
    }
    String name = index.get(type, id);
    if (name == null) {
      warn("reference to " + type + " " + id + " is not among the exported objects; kept the raw id");
      return id;
    }
    return Templates.expression(Refs.resource(type, name, attr));
  }

  @Override
  public String artifact(String relativePath, ArtifactWriter content) throws IOException {
    return artifact(relativePath, content, null);
  }

  /**
   * Writes the artifact, unless the previous export wrote it from content at the same {@code source}
   * metadata and its file is intact ({@link SourceMeta}): then the file stays and {@code content}
   * is never called, so the source is not read.
   */
  @Override
  public String artifact(String relativePath, ArtifactWriter content, JsonNode source) throws IOException {
    if (kindDir == null) {
      throw new IOException("artifacts can only be written while exporting an object, not while listing");
    }
    String rel = ExportPaths.checkRelative(relativePath);
    Path dataDir = kindDir.resolve(ExportPaths.DATA);
    Path target = dataDir.resolve(rel).normalize();
    if (!target.startsWith(dataDir) || target.equals(dataDir)) {
      throw new IOException("artifact path escapes the data folder: " + relativePath);
    }
    if (options.probeArtifacts()) {
      ArtifactProbe.probe(content);
    } else if (!options.sourceMeta().reuse(kindDir, target, source)) {
      options.sourceMeta().record(kindDir, target, source, write(target, content));
      options.fileWritten().accept(target);
    }
    return Templates.expression(ExportPaths.MODULE_PREFIX) + kindDir.getFileName() + "/" + ExportPaths.DATA + "/" + rel;
  }

  /** Streams the content to {@code target}; returns "sha256:&lt;hex&gt;" of what was written. */
  private static String write(Path target, ArtifactWriter content) throws IOException {
    Files.createDirectories(target.getParent());
    // write next to the target, then move: a failing writer never leaves a half file behind
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      String sha = RefreshRendering.sha256(content, Files.newOutputStream(tmp));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return sha;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String variable(String name, String description, boolean sensitive, String currentValue) {
    String safe = ExportPaths.isIdentifier(name) ? name : Names.safe(name);
    variables.declare(safe, description, sensitive, null);
    return Templates.expression(Refs.var(safe));
  }

  @Override
  public String dataSource(String type, String name, String attr) {
    return Templates.expression(Refs.data(type, name, attr));
  }

  @Override
  public String variableWithDefault(String name, String description, String value) {
    String safe = ExportPaths.isIdentifier(name) ? name : Names.safe(name);
    variables.declare(safe, description, false, value);
    return Templates.expression(Refs.var(safe));
  }

  @Override
  public String refOr(String type, String id, String attr, String fallback) {
    String name = id == null ? null : index.get(type, id);
    return name == null ? fallback : Templates.expression(Refs.resource(type, name, attr));
  }

  @Override
  public String exportedAddress(String type, String id) {
    String name = id == null ? null : index.get(type, id);
    return name == null ? null : type + "." + name;
  }

  @Override
  public void writeFile(String relativePath, byte[] content) throws IOException {
    Path target = extraFile(relativePath);
    if (ExportTree.writeIfChanged(target, content)) {
      options.fileWritten().accept(target);
    }
    written.add(target);
  }

  @Override
  public Optional<byte[]> previousFile(String relativePath) throws IOException {
    Path file = extraFile(relativePath);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  /** exports/<dir>/<relativePath> of an extra file: a dot-file or in a sub-folder other than data/, not config. */
  private Path extraFile(String relativePath) throws IOException {
    String rel = ExportPaths.checkRelative(relativePath);
    boolean hidden = rel.startsWith(".");
    if ((!hidden && !rel.contains("/")) || rel.endsWith(ExportPaths.SUFFIX) || rel.startsWith(ExportPaths.DATA + "/")) {
      throw new IOException("a kind's extra file must be a dot-file or in a sub-folder other than data/, and not "
          + ExportPaths.SUFFIX + ": " + relativePath);
    }
    Path target = folder.resolve(rel).normalize();
    if (!target.startsWith(folder)) {
      throw new IOException("file path escapes the kind's folder: " + relativePath);
    }
    return target;
  }

  @Override
  public Optional<PgpRecipient> secretValuesRecipient() {
    return Optional.ofNullable(options.secretValuesRecipient());
  }

  @Override
  public ObjectNode resourceDocument(List<ExportedResource> resources) {
    return Exporter.document(resources, credentials);
  }

  @Override
  public boolean exporting() {
    return true;
  }
}
