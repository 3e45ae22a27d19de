package io.dbsync.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.crypto.PgpRecipient;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What a kind sees while exporting: the source client, its settings, the rendering, warnings. */
public interface ExportContext extends KindContext {
  /** The settings under objects.<configKey> of the export YAML. */
  KindSettings settings();

  /** Rendering for toConfig: references, artifacts under this kind's data folder, variables. */
  Rendering rendering();

  /** Records a non-fatal problem with one object; the export goes on and the report shows it. */
  void warn(String message);

  /**
   * Records a source object the kind leaves out (or whose data it leaves behind) by design, with a
   * short reason shared by all such objects ("job cluster: belongs to its job run"): assess counts them
   * by reason. Not a warning: the export report does not list them.
   */
  default void skipped(String object, String reason) {
  }

  /**
   * Writes a file of the kind's folder that is not Terraform config, exports/&lt;directory&gt;/{@code
   * relativePath}: tool metadata the import reads back ({@link ApplyContext#readFile}), or reference
   * copies. The path is a dot-file or lies in a sub-folder (never *.tf.json, never under data/). The
   * file stays while the kind writes it in every export and is pruned with the kind's other files
   * when it stops. Allowed while listing too.
   */
  void writeFile(String relativePath, byte[] content) throws IOException;

  /**
   * {"resource": {type: {name: attrs}}} of {@code resources} exactly as the export writes a *.tf.json
   * (credentials in URLs as variables, source text escaped, the rendering's expressions kept): for a
   * reference copy written with {@link #writeFile}.
   */
  ObjectNode resourceDocument(List<ExportedResource> resources);

  /**
   * What the previous export of this tree holds at exports/&lt;directory&gt;/{@code relativePath} (a
   * file {@link #writeFile} wrote then), or empty: lets a kind keep a file whose content it cannot
   * reproduce byte for byte (ciphertext) when nothing it stands for has changed.
   */
  default Optional<byte[]> previousFile(String relativePath) throws IOException {
    return Optional.empty();
  }

  /**
   * The public key that secret values are encrypted to (export --export-secret-values --encrypt-to),
   * or empty: values are not exported and each secret is a variable supplied at import.
   */
  default Optional<PgpRecipient> secretValuesRecipient() {
    return Optional.empty();
  }
}
