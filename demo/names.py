"""Invented residents: deterministic, so two runs of seed-demo agree."""
import random

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰凤云红梅兵建国志文斌辉鹏宇浩凯健俊帆帅旭宁雪琳晨欣怡佳悦子涵梓萱诗雨思彤"
PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "157",
            "158", "159", "176", "177", "180", "181", "186", "187", "188", "189", "199")


class NameMaker:
    """Names and mobile numbers from a seeded generator, never repeating a number."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def name(self) -> str:
        length = self.rng.choice((1, 2, 2))
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(length))

    def mobile(self) -> str:
        while True:
            number = self.rng.choice(PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.used:
                self.used.add(number)
                return number
