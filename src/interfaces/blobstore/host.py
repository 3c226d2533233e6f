def container_exists(self, name: str) -> bool:
    return name in self.containers


def get_container(self, name: str) -> FakeContainer:
    return FakeContainer(self.containers[name], self.inclusive_end)


def create_container(self, name: str) -> FakeContainer:
    self.containers[name] = {}
    return self.get_container(name)
