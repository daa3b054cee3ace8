from django.apps import AppConfig


class AdoptionsConfig(AppConfig):
    """ "Vi har också infört detta": other organisations' adoptions and the owner's spread places."""

    name = "adoptions"
    verbose_name = "Införanden"

    def ready(self):
        from adoptions import demo, news, places, privacy, sections
        from examples import extensions, spread
        from follows import sources
        from members.privacy.services import register_personal_data

        spread.register_provider("adoptions", places.places_for)
        extensions.register(
            "adoptions",
            template="adoptions/example_section.html",
            context=sections.example_section,
            slot="main",
            order=50,
            cacheable=True,  # published adoptions only; every change purges (services)
        )
        demo.register()
        register_personal_data("inforanden", export=privacy.export, delete=privacy.delete)
        sources.register("adoptions", kinds={"example"}, collect=news.new_adoptions)
