package dev.anzen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CarriersTest {

    @Test
    void twoCarriersPerCoreUnlessTheUserChose() {
        Properties none = new Properties();
        AnzenCli.carriers(none, 2);
        assertEquals("4", none.getProperty(AnzenCli.CARRIERS));

        Properties chosen = new Properties();
        chosen.setProperty(AnzenCli.CARRIERS, "3");
        AnzenCli.carriers(chosen, 2);
        assertEquals("3", chosen.getProperty(AnzenCli.CARRIERS), "-D" + AnzenCli.CARRIERS + " wins");

        Properties odd = new Properties();
        AnzenCli.carriers(odd, 0);
        assertEquals("2", odd.getProperty(AnzenCli.CARRIERS));
    }
}
