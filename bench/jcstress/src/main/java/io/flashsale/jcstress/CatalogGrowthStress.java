package io.flashsale.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import io.flashsale.engine.state.Catalog;
import io.flashsale.engine.state.CatalogView;

/**
 * The SKU that makes the catalogue's arrays grow: a reader of the view sees either the full old catalogue or the new
 * one with the new SKU defined, and the old SKUs' definitions survive the copy.
 */
@JCStressTest
@Outcome(id = "16, 16, -1", expect = Expect.ACCEPTABLE, desc = "the old view")
@Outcome(id = "17, 16, 17", expect = Expect.ACCEPTABLE, desc = "the grown view with the new SKU")
@Outcome(expect = Expect.FORBIDDEN, desc = "a view torn by the growth")
@State
public class CatalogGrowthStress
{
    private final Catalog catalog = new Catalog(16);

    /** A catalogue filled to its capacity before the actors run. */
    public CatalogGrowthStress()
    {
        catalog.addSale(1, 0, 10, 1000);
        for (int i = 1; i <= 16; i++)
        {
            catalog.addSku(i, 0, 7, 100 + i, 5, 1, 10);
        }
    }

    /** Business thread: the 17th SKU grows the arrays. */
    @Actor
    public void owner()
    {
        catalog.addSku(17, 0, 7, 117, 5, 1, 10);
    }

    /**
     * Another thread: read the view.
     *
     * @param r SKU count, id of SKU 16, id of SKU 17 (or -1).
     */
    @Actor
    public void reader(final JJJ_Result r)
    {
        final CatalogView view = catalog.view();
        r.r1 = view.skuCount();
        r.r2 = view.skuPrice(15) == 116 ? view.skuId(15) : -2;
        r.r3 = view.skuCount() > 16 && view.skuPrice(16) == 117 ? view.skuId(16) : -1;
    }
}
