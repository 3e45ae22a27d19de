/**
 * OpenPGP for secret values (BouncyCastle's lightweight API, no JCE provider): {@link
 * io.dbsync.crypto.PgpRecipient} encrypts to a public key, {@link io.dbsync.crypto.PgpDecryptionKey}
 * decrypts with the matching secret key, {@link io.dbsync.crypto.PgpArmor} writes and reads ASCII
 * armor. Messages are what {@code gpg -d} reads: public-key encrypted session key, AES-256 with the
 * integrity packet, literal data. Ground floor: depends on nothing else of the project.
 */
package io.dbsync.crypto;
