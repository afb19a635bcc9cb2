"""Demo chemical stock: chemical units keeping water-reactive, heat-sensitive and toxic
substances, so a rainstorm or heat warning reaches them by their stock."""

from anjian.chemicals import services

STOCK = [
    [("电石", "75-20-7", 40), ("液氯", "7782-50-5", 12)],
    [("金属钠", "7440-23-5", 2), ("甲醇", "67-56-1", 80)],
    [("液化石油气", "68476-85-7", 30), ("保险粉", "7775-14-6", 5)],
    [("液氨", "7664-41-7", 18)],
]


def load(ctx) -> None:
    units = [
        e
        for e in ctx.enterprises
        if e.sector_id == ctx.sectors["hazardous_chemicals"].pk and e.status == "operating"
    ]
    for enterprise, stock in zip(units, STOCK, strict=False):
        for name, cas, tonnes in stock:
            services.stock_create(
                actor=ctx.admin,
                enterprise=enterprise,
                via="demo",
                data={"name": name, "cas": cas, "max_stock_t": tonnes},
            )
