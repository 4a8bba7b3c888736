// Secrets at rest: the key file, identity encryption, the keyed ID-number lookup hash, the audit
// chain MAC, session tokens and password hashes — all over libsodium.
//
// The master key lives in a key file outside the database (`huigui init` creates it, mode 0600).
// Purpose-specific subkeys are derived from it with crypto_kdf, so a leak of one use does not
// expose the others, and a copy of the database alone reveals no identity and cannot re-forge
// the audit chain.
#pragma once

#include <array>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace huigui::store {

class KeyRing {
 public:
  // Reads the key file (64 hex characters). InvalidArgument if missing or malformed.
  static Result<KeyRing> Load(const std::string& path);
  // Creates a new random key file unless one exists; returns true when it created one.
  static Result<bool> CreateIfMissing(const std::string& path);

  // secretbox (XSalsa20-Poly1305) with a random nonce; base64(nonce || ciphertext).
  std::string Seal(std::string_view plaintext) const;
  // Nullopt when the box was altered or sealed under another key.
  std::optional<std::string> Open(std::string_view sealed) const;

  // Keyed BLAKE2b of a normalised ID number, hex: equality lookup without storing plaintext.
  std::string IdNumberLookup(std::string_view id_number) const;

  // Keyed BLAKE2b over the previous hash and one canonical audit row, hex.
  std::string AuditMac(std::string_view prev_hash, std::string_view canonical_row) const;

 private:
  using Key = std::array<unsigned char, 32>;
  KeyRing() = default;
  Key identity_key_{};
  Key lookup_key_{};
  Key audit_key_{};
};

// Hex of a keyless BLAKE2b-256 (session token digests).
std::string Digest(std::string_view data);

// `bytes` random bytes as hex.
std::string RandomHex(std::size_t bytes);

// argon2id password hashing. At most `kMaxConcurrentHashes` run at once, so a login storm cannot
// take every core and all memory (each hash uses 64 MiB at the interactive limits).
class PasswordHasher {
 public:
  static constexpr int kMaxConcurrentHashes = 2;
  static std::string Hash(std::string_view password);
  static bool Verify(std::string_view hash, std::string_view password);

 private:
  static std::counting_semaphore<kMaxConcurrentHashes>& Gate();
};

// Must be called once before any other function here (sodium_init).
void InitCrypto();

}  // namespace huigui::store
