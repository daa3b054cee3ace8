from django.apps import AppConfig


class AdoptionsConfig(AppConfig):
    """ "Vi har också infört detta": other organisations' adoptions and the owner's spread places."""

    name = "adoptions"
    verbose_name = "Införanden"

    def ready(self):
        from adoptions import demo, places, privacy, sections
        from examples import extensions, spread
        from members.privacy.services import register_personal_data

        spread.register_provider("adoptions", places.places_for)
        extensions.register(
            "adoptions",
            template="adoptions/example_section.html",
            context=sections.example_section,
            slot="main",
            order=50,
        )
        demo.register()
        register_personal_data("inforanden", export=privacy.export, delete=privacy.delete)
