"""Practice dashboard rows lead to their patients (issue 13, point 1.3)."""

from __future__ import annotations

import html as html_lib
import re

from django.urls import reverse

from conftest import World, client_for
from headway.care.models import Decision
from web.outcomes.test_dashboard import course
from web.patients.test_list_diagnosis import decide


def test_a_diagnosis_row_links_to_the_patients_with_that_diagnosis(world: World):
    course(world, world.patient, recorded=28, headache=4)  # its course is filed under 2.3
    decide(world, world.patient, "2.3", Decision.CONFIRMED, "2.3")
    client = client_for(world.colleague)
    page = client.get(reverse("practice_dashboard")).content.decode()
    table = page[
        page.index('id="dashboard"') : page.index("</table>", page.index('id="dashboard"'))
    ]
    links = re.findall(r'<th scope="row"><a href="([^"]+)">2\.3 ', table)
    assert links == [reverse("patient_list") + "?diagnosis=2.3"]
    listed = client.get(html_lib.unescape(links[0])).content.decode()
    assert "Patient, Paula" in listed
    assert "Other, Otto" not in listed
