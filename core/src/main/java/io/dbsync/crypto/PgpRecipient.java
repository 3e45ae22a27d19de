package io.dbsync.crypto;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.util.encoders.Hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * A public key to encrypt to (export --encrypt-to): the encryption key of the first key ring of a key
 * file. {@link #encrypt} gives a binary message that only the holder of the secret key can read.
 */
public final class PgpRecipient {
  private final PGPPublicKeyRing ring;
  private final PGPPublicKey key;

  private PgpRecipient(PGPPublicKeyRing ring, PGPPublicKey key) {
    this.ring = ring;
    this.key = key;
  }

  /** The key of a public key file, armored ({@code gpg --armor --export}) or binary. */
  public static PgpRecipient read(Path file) throws PgpException {
    return parse(PgpKeyRings.readFile(file, "public key file"), file.toString());
  }

  public static PgpRecipient parse(byte[] keyFile, String source) throws PgpException {
    PGPPublicKeyRing ring = PgpKeyRings.publicRing(keyFile, source);
    PGPPublicKey key = PgpKeyRings.encryptionKey(ring).orElseThrow(() -> new PgpException(
        source + ": the key has no valid key that can encrypt (revoked, expired or signing only)"));
    return new PgpRecipient(ring, key);
  }

  /** Fingerprint of the primary key, upper-case hex (as gpg prints it without spaces). */
  public String fingerprint() {
    return Hex.toHexString(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** The public key ring, armored: what a cluster-side command needs to encrypt to the same key. */
  public byte[] armoredPublicKey() throws IOException {
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    ring.encode(binary, true);
    return PgpArmor.armor(binary.toByteArray(), List.of());
  }

  /** A binary OpenPGP message of the plaintext: AES-256 session key encrypted to the key, integrity protected. */
  public byte[] encrypt(byte[] plaintext) throws PgpException {
    PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
        new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
            .setSecureRandom(new SecureRandom()));
    generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream encrypted = generator.open(out, new byte[1 << 12]);
         OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
             plaintext.length, PGPLiteralData.NOW)) {
      literal.write(plaintext);
    } catch (PGPException | IOException e) {
      throw new PgpException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * True when the message (binary or armored) is an encrypted OpenPGP message with a session key for
   * this key: how ciphertext made elsewhere (on a cluster) is checked before it is stored.
   */
  public boolean isRecipientOf(byte[] message) {
    try {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(PgpArmor.dearmor(message));
      Object o = factory.nextObject();
      while (o instanceof PGPMarker) {
        o = factory.nextObject();
      }
      if (!(o instanceof PGPEncryptedDataList list)) {
        return false;
      }
      for (PGPEncryptedData data : list) {
        if (data instanceof PGPPublicKeyEncryptedData pk && pk.getKeyIdentifier().matchesExplicit(key.getKeyIdentifier())) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
