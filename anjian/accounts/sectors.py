"""The contract's default sector codes (行业领域); they always exist."""

DEFAULT_SECTORS = [
    ("non_coal_mine", "非煤矿山"), ("fireworks", "烟花爆竹"), ("hazardous_chemicals", "危险化学品"),
    ("road_traffic", "道路交通"), ("waterway", "水上交通"), ("fire", "消防（人员密集场所）"),
    ("construction", "建筑施工"), ("industry_trade", "工贸"), ("special_equipment", "特种设备"),
    ("gas", "城镇燃气"), ("agri_machinery", "农业机械"), ("tourism", "文化旅游"),
    ("education", "教育"), ("forestry", "森林防火"), ("other", "其他"),
]
