"""Fictional Chinese words for synthetic data: the demo county and `anjian seed` draw unit and
person names from the same lists."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁韦覃蒙莫廖"

GIVEN = [
    "建国",
    "丽华",
    "志强",
    "海燕",
    "德明",
    "秀英",
    "文军",
    "春梅",
    "国庆",
    "小勇",
    "红梅",
    "振华",
    "桂兰",
    "永福",
    "金凤",
    "世杰",
    "玉兰",
    "宏伟",
    "家豪",
    "晓东",
]

WORDS = [
    "宏达",
    "恒通",
    "顺发",
    "兴隆",
    "鑫源",
    "永安",
    "华盛",
    "联创",
    "瑞丰",
    "金桥",
    "福田",
    "安泰",
    "长盛",
    "汇丰",
    "富民",
    "新兴",
    "绿源",
    "东方",
    "南华",
    "广信",
    "天成",
    "嘉禾",
]
