"""Abstract illustrations drawn offline with Pillow, so demo content needs no downloads.

The same slug always draws the same picture, which keeps the demo command repeatable.
"""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
# The illustrations are decoration (CustomImage.decorative: alt=""); the caption names their maker
# and reads "Illustration: Goda exempel för hälsa" (templates/includes/image_credit.html).
DEMO_ILLUSTRATION_CREDIT = "Goda exempel för hälsa"


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_illustration(seed: str, palette: tuple[str, str]) -> bytes:
    """A gradient with translucent circles and bands in the two palette colours, as PNG bytes."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security  # nosec B311 - decoration, not security
    dark, light = (hex_to_rgb(c) for c in palette)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=mix(dark, light, y / HEIGHT * 0.6))
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for _ in range(7):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        colour = mix(light, (255, 255, 255), rng.random() * 0.5)
        shapes.ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=(*colour, rng.randint(60, 140))
        )
    for _ in range(3):
        top = rng.randint(0, HEIGHT)
        shapes.rectangle([0, top, WIDTH, top + rng.randint(12, 40)], fill=(*light, 70))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
