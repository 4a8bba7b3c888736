#include "store/crypto.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace huigui::store {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    dir_ = std::filesystem::temp_directory_path() / ("huigui_crypto_" + RandomHex(6));
    key_ = (dir_ / "k.key").string();
    ASSERT_TRUE(*KeyRing::CreateIfMissing(key_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string key_;
};

TEST_F(CryptoTest, KeyFileIsPrivateAndNotOverwritten) {
  const auto perms = std::filesystem::status(key_).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_all, std::filesystem::perms::none);
  EXPECT_EQ(perms & std::filesystem::perms::others_all, std::filesystem::perms::none);
  EXPECT_FALSE(*KeyRing::CreateIfMissing(key_));
}

TEST_F(CryptoTest, SealedIdentityOpensOnlyUnderItsKey) {
  auto ring = KeyRing::Load(key_);
  ASSERT_TRUE(ring.ok());
  const std::string secret = R"({"name":"张三","id_number":"11010519491231002X"})";
  const std::string sealed = ring->Seal(secret);
  EXPECT_EQ(sealed.find("张三"), std::string::npos);
  EXPECT_EQ(sealed.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(*ring->Open(sealed), secret);
  EXPECT_NE(ring->Seal(secret), sealed);  // fresh nonce each time

  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ring->Open(tampered));

  const std::string other_key = (dir_ / "other.key").string();
  ASSERT_TRUE(*KeyRing::CreateIfMissing(other_key));
  EXPECT_FALSE(KeyRing::Load(other_key)->Open(sealed));
}

TEST_F(CryptoTest, LookupHashIsKeyedAndNormalised) {
  auto ring = KeyRing::Load(key_);
  EXPECT_EQ(ring->IdNumberLookup("11010519491231002x"), ring->IdNumberLookup("11010519491231002X"));
  EXPECT_NE(ring->IdNumberLookup("11010519491231002X"), Digest("11010519491231002X"));
  EXPECT_EQ(ring->IdNumberLookup("11010519491231002X").size(), 64u);
}

TEST_F(CryptoTest, AuditMacDependsOnEveryInput) {
  auto ring = KeyRing::Load(key_);
  const auto a = ring->AuditMac("prev", "row");
  EXPECT_EQ(a, ring->AuditMac("prev", "row"));
  EXPECT_NE(a, ring->AuditMac("prev", "rox"));
  EXPECT_NE(a, ring->AuditMac("prev2", "row"));
}

TEST_F(CryptoTest, MalformedKeyFileIsRefused) {
  const std::string bad = (dir_ / "bad.key").string();
  { std::ofstream(bad) << "not-hex\n"; }
  auto ring = KeyRing::Load(bad);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().errors().at(0).rule, "format");
  EXPECT_FALSE(KeyRing::Load((dir_ / "missing.key").string()).ok());
}

TEST(PasswordHasherTest, VerifiesOnlyTheRightPassword) {
  InitCrypto();
  const auto hash = PasswordHasher::Hash("correct horse");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(PasswordHasher::Verify(hash, "correct horse"));
  EXPECT_FALSE(PasswordHasher::Verify(hash, "correct horsE"));
}

}  // namespace
}  // namespace huigui::store
