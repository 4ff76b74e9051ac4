package dev.anzen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atilika.kuromoji.dict.ConnectionCosts;
import com.atilika.kuromoji.dict.TokenInfoDictionary;
import com.atilika.kuromoji.util.SimpleResourceResolver;
import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import com.atilika.kuromoji.trie.DoubleArrayTrie;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KuromojiAnalyzerTest {

    @Test
    void morphemesCarryBaseFormPartOfSpeechAndReading() {
        List<Morpheme> ms = KuromojiAnalyzer.Holder.INSTANCE.analyze("お答えできませんでした。");
        Morpheme dekiru = ms.stream().filter(m -> m.surface().equals("でき")).findFirst().orElseThrow();
        assertEquals("できる", dekiru.baseForm());
        assertEquals("動詞", dekiru.pos());
        assertEquals("デキ", dekiru.reading());
        // an unknown word keeps its surface as base form and has no reading
        Morpheme unknown = KuromojiAnalyzer.Holder.INSTANCE.analyze("ｘｙｚｚｙ").get(0);
        assertEquals(unknown.surface(), unknown.baseForm());
        assertNull(unknown.reading());
    }

    @Test
    void readingTheFeaturesOnceGivesWhatTheTokenGettersGive() throws Exception {
        // the analyser reads each token's feature list once instead of once per getter; the two must agree
        Tokenizer tokenizer = new Tokenizer();
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        // and the tokens (so the Viterbi paths) must be stock Kuromoji's, though the analyser's cost matrix is an array
        List<Path> files;
        try (var list = Files.list(Path.of("src/test/resources/corpus"))) {
            files = list.filter(p -> p.getFileName().toString().startsWith("ja-")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files::toString);
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String text = json.readTree(line).get("response").asText();
                List<Morpheme> ms = KuromojiAnalyzer.Holder.INSTANCE.analyze(text);
                List<Token> tokens = tokenizer.tokenize(text);
                assertEquals(tokens.size(), ms.size());
                for (int i = 0; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    Morpheme m = ms.get(i);
                    String base = t.getBaseForm() == null || t.getBaseForm().equals("*") ? t.getSurface() : t.getBaseForm();
                    String reading = t.getReading() == null || t.getReading().equals("*") ? null : t.getReading();
                    assertEquals(List.of(t.getSurface(), base, t.getPartOfSpeechLevel1(), t.getPartOfSpeechLevel2(),
                            String.valueOf(reading), t.getPosition()), List.of(m.surface(), m.baseForm(), m.pos(),
                            m.pos2(), String.valueOf(m.reading()), m.start()), text);
                    compared++;
                }
            }
        }
        assertTrue(compared > 10_000, "the corpus gives many tokens (" + compared + ")");
    }

    @Test
    void longKanjiKatakanaAndFullWidthRunsAreSegmentedAsStockKuromojiSegmentsThem() {
        // compound nouns, long katakana, unknown full-width Latin and an address: lattices with many paths
        Tokenizer stock = new Tokenizer();
        for (String text : List.of("国立研究開発法人情報通信研究機構人工知能安全性評価基盤整備事業報告書",
                "アンチディスインフォメーションキャンペーンマネージャー", "ＸＹＺＡＢＣＤＥＦＧＨ株式会社の新製品",
                "東京都千代田区霞が関一丁目一番一号", "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ　を参照")) {
            assertEquals(stock.tokenize(text).stream().map(Token::getSurface).toList(),
                    KuromojiAnalyzer.Holder.INSTANCE.analyze(text).stream().map(Morpheme::surface).toList(), text);
        }
    }

    @Test
    void theArrayCostMatrixHoldsKuromojisOwnValues() throws Exception {
        KuromojiAnalyzer.ArrayCostsBuilder builder = new KuromojiAnalyzer.ArrayCostsBuilder();
        builder.build(); // loads the dictionaries
        ConnectionCosts array = builder.costs();
        ConnectionCosts stock = ConnectionCosts.newInstance(new SimpleResourceResolver(Tokenizer.class));
        assertNotSame(stock, array);
        int size = 1316; // IPADIC's matrix.def: 1316 right ids x 1316 left ids
        long nonZero = 0;
        for (int forward = 0; forward < size; forward++) {
            for (int backward = 0; backward < size; backward++) {
                int expected = stock.get(forward, backward);
                if (expected != array.get(forward, backward)) {
                    fail("cost(" + forward + ", " + backward + "): " + array.get(forward, backward) + " != " + expected);
                }
                nonZero += expected != 0 ? 1 : 0;
            }
        }
        assertTrue(nonZero > size * size / 2, "a real matrix, not zeros: " + nonZero);
        // one past the matrix is out of bounds in both
        assertThrows(IndexOutOfBoundsException.class, () -> array.get(size, size - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> stock.get(size, size - 1));
    }

    @Test
    void theArrayTrieFindsWhatKuromojisTrieFindsForEveryPrefixTheLatticeLooksUp() throws Exception {
        var resolver = new SimpleResourceResolver(Tokenizer.class);
        DoubleArrayTrie stock = DoubleArrayTrie.newInstance(resolver);
        KuromojiAnalyzer.ArrayTrie array = KuromojiAnalyzer.ArrayTrie.read(resolver);
        ObjectMapper json = new ObjectMapper();
        StringBuilder text = new StringBuilder();
        try (var list = Files.list(Path.of("src/test/resources/corpus"))) {
            for (Path file : list.filter(p -> p.getFileName().toString().startsWith("ja-")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        text.append(json.readTree(line).get("response").asText());
                    }
                }
            }
        }
        // the keys the lattice asks for: every prefix from every position, until the trie says no word starts so
        int[] outcomes = new int[3]; // no match, prefix of a word, a word
        for (int start = 0; start < text.length(); start++) {
            for (int end = start + 1; end <= Math.min(text.length(), start + 40); end++) {
                String key = text.substring(start, end);
                int expected = stock.lookup(key, 0, 0);
                assertEquals(expected, array.lookup(key, 0, 0), key);
                outcomes[expected < 0 ? 0 : expected == 0 ? 1 : 2]++;
                if (expected < 0) {
                    break;
                }
            }
        }
        assertTrue(outcomes[0] > 10_000 && outcomes[1] > 10_000 && outcomes[2] > 10_000, Arrays.toString(outcomes));
        // words whose rest sits in the tail, keys running past it, and characters beyond the arrays
        for (String key : List.of("アンチディスインフォメーション", "ディスインフォメーションキャンペーン", "申し訳ございません",
                "申し訳ございませんでした", "\uffff", "あ\uffff", "", "\u0001", "ｘｙｚ")) {
            assertEquals(stock.lookup(key), array.lookup(key), key);
        }
        assertThrows(UnsupportedOperationException.class, () -> array.write(OutputStream.nullOutputStream()));
    }

    @Test
    void decodedFeatureListsAreKeptAndEqualTheStockDictionarys() throws Exception {
        TokenInfoDictionary stock = TokenInfoDictionary.newInstance(new SimpleResourceResolver(Tokenizer.class));
        KuromojiAnalyzer.CachedFeatures cached = new KuromojiAnalyzer.CachedFeatures(stock);
        for (int id : new int[] {0, 1, 4095, 4096, 123_456, 300_000}) {
            String[] first = cached.getAllFeaturesArray(id);
            assertEquals(List.of(stock.getAllFeaturesArray(id)), List.of(first), "word " + id);
            assertSame(first, cached.getAllFeaturesArray(id), "decoded once, then kept: word " + id);
            assertEquals(stock.getLeftId(id), cached.getLeftId(id));
            assertEquals(stock.getWordCost(id), cached.getWordCost(id));
        }
        assertEquals(6, cached.cachedEntries());
    }

    private static void assertSameConnection(TokenInfoDictionary stock, TokenInfoDictionary cached, int id) {
        List<Integer> expected = List.of(stock.getLeftId(id), stock.getRightId(id), stock.getWordCost(id));
        List<Integer> actual = List.of(cached.getLeftId(id), cached.getRightId(id), cached.getWordCost(id));
        if (!expected.equals(actual)) {
            fail("word " + id + ": " + actual + " != " + expected);
        }
    }

    @Test
    void keptWordIdsAndConnectionCostsAreTheStockDictionarys() throws Exception {
        TokenInfoDictionary stock = TokenInfoDictionary.newInstance(new SimpleResourceResolver(Tokenizer.class));
        KuromojiAnalyzer.CachedFeatures cached = new KuromojiAnalyzer.CachedFeatures(stock);
        // every word of IPADIC: from 300,000 to the end first (so pages are entered in their middle), then from 0
        int end = 300_000;
        while (true) {
            try {
                stock.getLeftId(end);
            } catch (IndexOutOfBoundsException pastTheEnd) {
                break;
            }
            assertSameConnection(stock, cached, end++);
        }
        for (int id = 0; id < 300_000; id++) {
            assertSameConnection(stock, cached, id);
        }
        int words = end;
        int past = end;
        assertThrows(IndexOutOfBoundsException.class, () -> cached.getLeftId(past));
        assertThrows(IndexOutOfBoundsException.class, () -> cached.getWordCost(past + 1000));
        assertTrue(words > 390_000, "all of IPADIC: " + words);
        // a trie entry's word ids are read once and then shared
        DoubleArrayTrie trie = DoubleArrayTrie.newInstance(new SimpleResourceResolver(Tokenizer.class));
        for (String word : List.of("できる", "申し訳", "お答え", "東京", "は")) {
            int entry = trie.lookup(word);
            assertTrue(entry > 0, word);
            int[] first = cached.lookupWordIds(entry);
            assertEquals(Arrays.toString(stock.lookupWordIds(entry)), Arrays.toString(first), word);
            assertTrue(first.length > 0, word);
            assertSame(first, cached.lookupWordIds(entry), word);
        }
    }
}
