#include "store/crypto.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace huigui::store {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "huigui01";
enum SubkeyId : uint64_t { kIdentity = 1, kLookup = 2, kAudit = 3 };

std::string ToHex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

// RAII permit of the hashing gate.
class Permit {
 public:
  explicit Permit(std::counting_semaphore<PasswordHasher::kMaxConcurrentHashes>& s) : s_(s) {
    s_.acquire();
  }
  ~Permit() { s_.release(); }
  Permit(const Permit&) = delete;
  Permit& operator=(const Permit&) = delete;

 private:
  std::counting_semaphore<PasswordHasher::kMaxConcurrentHashes>& s_;
};

}  // namespace

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<bool> KeyRing::CreateIfMissing(const std::string& path) {
  if (std::filesystem::exists(path)) return false;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  unsigned char key[crypto_kdf_KEYBYTES];
  crypto_kdf_keygen(key);
  const mode_t old = umask(077);
  std::ofstream out(path, std::ios::trunc);
  umask(old);
  if (!out) return Status::Invalid("key", "writable", "cannot write key file " + path);
  out << ToHex(key, sizeof key) << "\n";
  sodium_memzero(key, sizeof key);
  return true;
}

Result<KeyRing> KeyRing::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Status::Invalid("key", "exists", "key file " + path + " not found (run huigui init)");
  }
  std::string hex;
  in >> hex;
  unsigned char master[crypto_kdf_KEYBYTES];
  std::size_t len = 0;
  if (hex.size() != 2 * crypto_kdf_KEYBYTES ||
      sodium_hex2bin(master, sizeof master, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof master) {
    return Status::Invalid("key", "format", "key file " + path + " must hold 64 hex characters");
  }
  KeyRing ring;
  crypto_kdf_derive_from_key(ring.identity_key_.data(), 32, kIdentity, kKdfContext, master);
  crypto_kdf_derive_from_key(ring.lookup_key_.data(), 32, kLookup, kKdfContext, master);
  crypto_kdf_derive_from_key(ring.audit_key_.data(), 32, kAudit, kKdfContext, master);
  sodium_memzero(master, sizeof master);
  return ring;
}

std::string KeyRing::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, identity_key_.data());
  std::string out(sodium_base64_encoded_len(buf.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

std::optional<std::string> KeyRing::Open(std::string_view sealed) const {
  std::vector<unsigned char> buf(sealed.size());
  std::size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), sealed.data(), sealed.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(plain.data()), buf.data() + crypto_secretbox_NONCEBYTES,
          len - crypto_secretbox_NONCEBYTES, buf.data(), identity_key_.data()) != 0) {
    return std::nullopt;
  }
  return plain;
}

std::string KeyRing::IdNumberLookup(std::string_view id_number) const {
  std::string normal(id_number);
  for (char& c : normal) {
    if (c == 'x') c = 'X';
  }
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(normal.data()),
                     normal.size(), lookup_key_.data(), lookup_key_.size());
  return ToHex(out, sizeof out);
}

std::string KeyRing::AuditMac(std::string_view prev_hash, std::string_view canonical_row) const {
  crypto_generichash_state st;
  crypto_generichash_init(&st, audit_key_.data(), audit_key_.size(), 32);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(prev_hash.data()),
                            prev_hash.size());
  const unsigned char sep = '\n';
  crypto_generichash_update(&st, &sep, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(canonical_row.data()),
                            canonical_row.size());
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  return ToHex(out, sizeof out);
}

std::string Digest(std::string_view data) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  return ToHex(buf.data(), bytes);
}

std::counting_semaphore<PasswordHasher::kMaxConcurrentHashes>& PasswordHasher::Gate() {
  static std::counting_semaphore<kMaxConcurrentHashes> gate(kMaxConcurrentHashes);
  return gate;
}

std::string PasswordHasher::Hash(std::string_view password) {
  Permit permit(Gate());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  Permit permit(Gate());
  const std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace huigui::store
